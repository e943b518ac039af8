package io.tsfm.benchmark.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The split and balanced subsample against the reference's {@code prepare_train_test_split} /
 * {@code balanced_subsample} run with numpy 2.4.6 on the same label arrays (script in the test's comments:
 * {@code rng = RandomState(3431); idx = arange(N); rng.shuffle(idx); ...}; the checksum is
 * {@code sum(a[i] * (i + 1)) mod 1e9+7}).
 */
class FineTuneSplitTest {

    private static long checksum(int[] a) {
        long s = 0;
        for (int i = 0; i < a.length; i++) s = (s + (long) a[i] * (i + 1)) % 1_000_000_007L;
        return s;
    }

    @Test
    void motionSenseSizedSplitMatchesTheSpecAndNumpy() {
        // spec §6.5: MotionSense, 12,080 windows: train 9,664 -> 1 %: 96 (16/class), 10 %: 966 (161/class)
        int[] labels = IntStream.range(0, 12080).map(i -> i % 6).toArray();
        FineTuneSplit s = FineTuneSplit.of(labels);
        assertThat(s.train()).hasSize(9664);
        assertThat(s.validation()).hasSize(1208);
        assertThat(s.test()).hasSize(1208);
        assertThat(s.targetSize(0.01)).isEqualTo(96);
        assertThat(s.perClass(0.01)).isEqualTo(16);
        assertThat(s.targetSize(0.1)).isEqualTo(966);
        assertThat(s.perClass(0.1)).isEqualTo(161);

        int[] order = concat(s.train(), s.validation(), s.test());
        assertThat(Arrays.copyOf(order, 8)).containsExactly(10119, 1148, 8252, 9902, 6537, 5577, 5653, 10309);
        assertThat(checksum(order)).isEqualTo(825015086L);

        int[] one = s.labelled(0.01);
        assertThat(one).hasSize(96);
        assertThat(Arrays.copyOf(one, 8)).containsExactly(10697, 9804, 380, 10474, 10282, 9307, 8611, 144);
        assertThat(checksum(one)).isEqualTo(29776344L);
        int[] ten = s.labelled(0.1);
        assertThat(ten).hasSize(966);
        assertThat(Arrays.copyOf(ten, 8)).containsExactly(9437, 1428, 11963, 10091, 5726, 5357, 6386, 10633);
        assertThat(checksum(ten)).isEqualTo(851018031L);
        for (int c = 0; c < 6; c++) {
            int cls = c;
            assertThat(Arrays.stream(ten).filter(w -> labels[w] == cls).count()).isEqualTo(161);
        }
    }

    @Test
    void imbalancedClassesTakeAllOfAShortClassAndMatchNumpy() {
        // 1,966 windows (MobiFall-sized): classes 0/1/2 in proportion 6:3:1
        int[] labels = IntStream.range(0, 1966).map(i -> i % 10 < 6 ? 0 : i % 10 < 9 ? 1 : 2).toArray();
        FineTuneSplit s = FineTuneSplit.of(labels);
        assertThat(s.train()).hasSize(1572);
        assertThat(s.validation()).hasSize(196);
        assertThat(s.test()).hasSize(198);
        int[] one = s.labelled(0.01);
        assertThat(s.targetSize(0.01)).isEqualTo(15);
        assertThat(s.perClass(0.01)).isEqualTo(5);
        assertThat(Arrays.copyOf(one, 8)).containsExactly(67, 485, 1159, 1944, 459, 669, 1699, 1540);
        assertThat(checksum(one)).isEqualTo(79545L);
        int[] ten = s.labelled(0.1);
        // 157 // 3 = 52 per class: 52 + 52 + 52 = 156
        assertThat(ten).hasSize(156);
        assertThat(Arrays.copyOf(ten, 8)).containsExactly(982, 419, 1569, 1609, 98, 140, 62, 1592);
        assertThat(checksum(ten)).isEqualTo(12195739L);
    }

    @Test
    void tinyDatasetGetsAtLeastOneWindowPerClass() {
        int[] labels = {0, 1, 1, 2, 2, 2, 3, 3, 3, 3, 0, 1, 2, 3, 0};
        FineTuneSplit s = FineTuneSplit.of(labels);
        assertThat(s.train()).hasSize(12);
        assertThat(s.validation()).hasSize(1);
        assertThat(s.test()).hasSize(2);
        // n_total = max(1, int(12 * 0.01)) = 1, n_per_class = max(1, 1 // 4) = 1
        assertThat(s.targetSize(0.01)).isEqualTo(1);
        assertThat(s.labelled(0.01)).containsExactly(0, 2, 7, 12);
        assertThat(s.labelled(0.1)).containsExactly(0, 2, 7, 12);
    }

    @Test
    void partsAreDisjointAndCoverEveryWindow() {
        int[] labels = IntStream.range(0, 133).map(i -> i % 4).toArray();
        FineTuneSplit s = FineTuneSplit.of(labels);
        Set<Integer> all = new HashSet<>();
        for (int w : concat(s.train(), s.validation(), s.test())) assertThat(all.add(w)).isTrue();
        assertThat(all).hasSize(133);
        Set<Integer> train = new HashSet<>();
        for (int w : s.train()) train.add(w);
        for (int w : s.labelled(0.1)) assertThat(train).contains(w);
    }

    @Test
    void aClassMissingFromTrainDoesNotCountTowardsThePerClassShare() {
        // class 5 only at one window; with this seed it may land outside train: the class count follows train only
        int[] labels = IntStream.range(0, 200).map(i -> i == 199 ? 5 : i % 2).toArray();
        FineTuneSplit s = FineTuneSplit.of(labels);
        boolean inTrain = Arrays.stream(s.train()).anyMatch(w -> w == 199);
        assertThat(s.classesInTrain()).hasSize(inTrain ? 3 : 2);
        assertThat(s.perClass(0.1)).isEqualTo(16 / s.classesInTrain().size());
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> FineTuneSplit.of(new int[0])).hasMessageContaining("no windows");
        assertThatThrownBy(() -> FineTuneSplit.of(new int[] {0, -1})).hasMessageContaining("window 1");
        FineTuneSplit s = FineTuneSplit.of(new int[] {0, 1, 0, 1});
        assertThatThrownBy(() -> s.labelled(0)).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> s.labelled(1.5)).hasMessageContaining("1.5");
    }

    private static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    }
}
