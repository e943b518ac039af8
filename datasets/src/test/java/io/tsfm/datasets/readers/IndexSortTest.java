package io.tsfm.datasets.readers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class IndexSortTest {
    @Test
    void ordersByKeyAndKeepsTiesInOrder() {
        long[] key = {5, 3, 5, 1, 3, 9, 0, 0};
        assertThat(IndexSort.byKey(key, key.length)).containsExactly(6, 7, 3, 1, 4, 0, 2, 5);
        assertThat(IndexSort.byKey(key, 3)).containsExactly(1, 0, 2); // only the first n rows
    }

    @Test
    void sortsLargeRandomInput() {
        Random r = new Random(7);
        long[] key = new long[10_007];
        for (int i = 0; i < key.length; i++) key[i] = r.nextInt(500);
        int[] idx = IndexSort.byKey(key, key.length);
        for (int i = 1; i < idx.length; i++) {
            assertThat(key[idx[i]]).isGreaterThanOrEqualTo(key[idx[i - 1]]);
            if (key[idx[i]] == key[idx[i - 1]]) assertThat(idx[i]).isGreaterThan(idx[i - 1]);
        }
    }
}
