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
    void datasetBalanceGivesEachDatasetAnEqualShareAndBalancesGroupsInside() {
        // dataset "big": 900 items in 9 groups; "small": 100 items in 2 groups of 90 and 10
        List<String> groups = new ArrayList<>();
        List<String> datasets = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            groups.add("g" + i % 9);
            datasets.add("big");
        }
        for (int i = 0; i < 100; i++) {
            groups.add(i < 90 ? "common" : "rare");
            datasets.add("small");
        }
        int[] ch = new int[1000];
        java.util.Arrays.fill(ch, 6);
        GroupBalancedSampler byGroups = new GroupBalancedSampler(groups, ch, 20.0);
        GroupBalancedSampler byDatasets = new GroupBalancedSampler(groups, datasets, ch, 20.0);
        double bigShareByGroups = 0, bigShare = 0, rare = 0, common = 0;
        for (int i = 0; i < 1000; i++) {
            if (i < 900) {
                bigShareByGroups += byGroups.weight(i);
                bigShare += byDatasets.weight(i);
            } else if (i < 990) {
                common += byDatasets.weight(i);
            } else {
                rare += byDatasets.weight(i);
            }
        }
        // by groups the big dataset's 9 groups take 9 of 11 shares; by datasets it takes half
        assertThat(bigShareByGroups / 1000).isCloseTo(9.0 / 11, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(bigShare / 1000).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(rare).isCloseTo(common, org.assertj.core.data.Offset.offset(1e-9));
        Random rng = new Random(3);
        int small = 0, drawn = 0;
        for (int b = 0; b < 300; b++) {
            for (int i : byDatasets.nextBatch(32, rng)) {
                if (i >= 900) small++;
                drawn++;
            }
        }
        assertThat(small / (double) drawn).isBetween(0.45, 0.55);
    }

    @Test
    void balanceNamesParseAndUnknownOnesAreRefusedNamingTheFlag() {
        assertThat(SamplingBalance.parse("datasets", "--balance")).isEqualTo(SamplingBalance.DATASETS);
        assertThat(SamplingBalance.parse("groups", "--balance")).isEqualTo(SamplingBalance.GROUPS);
        assertThatThrownBy(() -> SamplingBalance.parse("subjects", "--balance"))
                .hasMessage("--balance must be groups or datasets, got 'subjects'");
    }

    @Test
    void rejectsEmptyAndMismatchedInput() {
        assertThatThrownBy(() -> new GroupBalancedSampler(List.of(), new int[0], 20)).hasMessageContaining("no items");
        assertThatThrownBy(() -> new GroupBalancedSampler(List.of("a"), new int[2], 20)).hasMessageContaining("differ");
    }
}
