package io.tsfm.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GroupBalancedSamplerTest {

    @Test
    void weightsAreInverseGroupCountsCappedAndNormalised() {
        // group a: 1 item, b: 10 items, c: 100 items -> raw weights 1, 0.1, 0.01; cap 20x min = 0.2
        List<String> groups = new ArrayList<>();
        groups.add("a");
        for (int i = 0; i < 10; i++) groups.add("b");
        for (int i = 0; i < 100; i++) groups.add("c");
        int[] ch = new int[groups.size()];
        java.util.Arrays.fill(ch, 6);
        GroupBalancedSampler s = new GroupBalancedSampler(groups, ch, 20.0);
        double sum = 0;
        for (int i = 0; i < groups.size(); i++) sum += s.weight(i);
        assertThat(sum).isCloseTo(groups.size(), org.assertj.core.data.Offset.offset(1e-9));
        // capped: a gets 0.2 (not 1.0); b keeps 0.1; c keeps 0.01 -> a/c = 20, b/c = 10
        assertThat(s.weight(0) / s.weight(50)).isCloseTo(20.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.weight(1) / s.weight(50)).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void batchesNeverMixChannelCountsAndBalanceGroups() {
        List<String> groups = new ArrayList<>();
        int[] ch = new int[1000];
        for (int i = 0; i < 1000; i++) {
            groups.add(i < 900 ? "big" : "small");
            ch[i] = i % 2 == 0 ? 3 : 6;
        }
        GroupBalancedSampler s = new GroupBalancedSampler(groups, ch, 20.0);
        Random rng = new Random(7);
        Map<String, Integer> drawn = new HashMap<>();
        for (int b = 0; b < 400; b++) {
            int[] batch = s.nextBatch(32, rng);
            int c0 = ch[batch[0]];
            for (int i : batch) {
                assertThat(ch[i]).isEqualTo(c0);
                drawn.merge(groups.get(i), 1, Integer::sum);
            }
        }
        // 900 vs 100 items, equal total weight per group -> about half the draws each
        double frac = drawn.get("small") / (double) (drawn.get("small") + drawn.get("big"));
        assertThat(frac).isBetween(0.45, 0.55);
    }

    @Test
    void rejectsEmptyAndMismatchedInput() {
        assertThatThrownBy(() -> new GroupBalancedSampler(List.of(), new int[0], 20)).hasMessageContaining("no items");
        assertThatThrownBy(() -> new GroupBalancedSampler(List.of("a"), new int[2], 20)).hasMessageContaining("differ");
    }
}
