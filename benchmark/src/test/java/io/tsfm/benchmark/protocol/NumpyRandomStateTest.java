package io.tsfm.benchmark.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Expected values were computed with numpy 2.4.6 (python3), e.g.
 * {@code r = np.random.RandomState(3431); a = np.arange(10); r.shuffle(a)}.
 */
class NumpyRandomStateTest {

    @Test
    void rawOutputsAreMt19937ForTheReferenceSeed5489() {
        // also the published MT19937 reference outputs of init_genrand(5489)
        NumpyRandomState r = new NumpyRandomState(5489);
        assertThat(new long[] {r.nextUint32(), r.nextUint32(), r.nextUint32()})
                .containsExactly(3499211612L, 581869302L, 3890346734L);
    }

    @Test
    void shuffleMatchesNumpy() {
        NumpyRandomState r = new NumpyRandomState(3431);
        int[] a = IntStream.range(0, 10).toArray();
        r.shuffle(a);
        assertThat(a).containsExactly(7, 0, 4, 6, 3, 9, 2, 1, 5, 8);
    }

    @Test
    void shufflesOfOneAndTwoElementsDrawLikeNumpy() {
        // numpy: shuffle(arange(1)) draws nothing; shuffle(arange(2)) draws once; then randint(0, 2**32, uint32)
        NumpyRandomState r = new NumpyRandomState(0);
        int[] one = {0};
        r.shuffle(one);
        int[] two = {0, 1};
        r.shuffle(two);
        assertThat(two).containsExactly(1, 0);
        assertThat(r.nextUint32()).isEqualTo(2546248239L);
    }

    @Test
    void intervalStaysInRangeAndCoversIt() {
        NumpyRandomState r = new NumpyRandomState(7);
        boolean[] seen = new boolean[6];
        for (int i = 0; i < 600; i++) {
            long v = r.interval(5);
            assertThat(v).isBetween(0L, 5L);
            seen[(int) v] = true;
        }
        assertThat(seen).containsOnly(true);
        long big = 0x1_0000_0005L;
        for (int i = 0; i < 50; i++) assertThat(r.interval(big)).isBetween(0L, big);
        assertThat(r.interval(0)).isZero();
    }

    @Test
    void seedOutsideNumpysRangeIsRefused() {
        assertThatThrownBy(() -> new NumpyRandomState(-1)).hasMessageContaining("2**32 - 1");
        assertThatThrownBy(() -> new NumpyRandomState(1L << 32)).hasMessageContaining("got 4294967296");
    }
}
