package io.tsfm.benchmark.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.datasets.eval.ClassificationMetrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-computed cases of the open-set (group) and exact scoring. */
class ScorerTest {
    private final LabelVocabulary vocab = LabelVocabulary.defaults();
    private final LabelGroups groups = LabelGroups.of(vocab.referenceTrainingLabels(), vocab);

    @Test
    void openSetScoresSynonymsAsRightAndAddsPredictedButAbsentGroups() {
        // truth groups:  walking running  running sitting     standing
        // pred groups:   walking running  walking sitting     falling
        List<String> truth = List.of("walking", "jogging", "running", "sitting", "standing");
        List<String> pred = List.of("nordic_walking", "running", "walking", "sitting_down", "falling_forward");
        ClassificationMetrics m = Scorer.openSet(truth, pred, groups);
        assertThat(m.accuracy()).isCloseTo(0.6, within(1e-12));
        // union of groups: falling, running, sitting, standing, walking
        assertThat(m.labels()).containsExactly("falling", "running", "sitting", "standing", "walking");
        // F1: walking 2/3 (P 1/2, R 1), running 2/3 (P 1, R 1/2), sitting 1, standing 0, falling 0 (predicted only)
        assertThat(m.f1().get("walking")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.f1().get("running")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.f1().get("falling")).isZero();
        assertThat(m.macroF1()).isCloseTo(7.0 / 15, within(1e-12));
        // weighted by true counts (walking 1, running 2, sitting 1, standing 1): (2/3 + 4/3 + 1 + 0) / 5
        assertThat(m.weightedF1()).isCloseTo(0.6, within(1e-12));
        assertThat(m.recall()).containsEntry("running", 0.5).containsEntry("standing", 0.0);
    }

    @Test
    void exactScoringAveragesOverTheWholeLabelListSoAbsentClassesCountAsZero() {
        List<String> labels = List.of("a", "b", "c", "d");
        ClassificationMetrics m = Scorer.exact(List.of("a", "a", "b", "b"), List.of("a", "b", "b", "b"), labels);
        assertThat(m.accuracy()).isEqualTo(0.75);
        // a: P 1, R 1/2 -> 2/3; b: P 2/3, R 1 -> 0.8; c, d: neither true nor predicted -> 0
        assertThat(m.macroF1()).isCloseTo((2.0 / 3 + 0.8) / 4, within(1e-12));
        assertThat(m.labels()).containsExactly("a", "b", "c", "d");
        assertThat(m.confusion()[0]).containsExactly(1, 1, 0, 0);
    }

    @Test
    void exactScoringRefusesLabelsOutsideTheList() {
        assertThatThrownBy(() -> Scorer.exact(List.of("a"), List.of("z"), List.of("a", "b")))
                .hasMessageContaining("prediction 'z' of sample 0");
        assertThatThrownBy(() -> Scorer.exact(List.of("q"), List.of("a"), List.of("a", "b")))
                .hasMessageContaining("true label 'q'");
        assertThatThrownBy(() -> Scorer.exact(List.of("a"), List.of(), List.of("a")))
                .hasMessageContaining("1 true labels but 0 predictions");
    }

    @Test
    void groupsComeFromTheModelForPredictionsAndFromTheVocabularyForTruth() {
        assertThat(groups.groupOfPrediction("jogging")).isEqualTo("running");
        assertThat(groups.groupOfTruth("car_step_in")).isEqualTo("vehicle_entry");
        assertThatThrownBy(() -> groups.groupOfPrediction("car_step_in"))
                .hasMessageContaining("not one of the model's 87 candidate labels");
        // a true label no group holds is a group of its own, which no candidate covers
        assertThat(groups.groupOfTruth("moonwalking")).isEqualTo("moonwalking");
        assertThat(groups.uncovered(List.of("moonwalking", "walking"))).containsExactly("moonwalking");
        // a dataset's own grouping comes first
        LabelGroups own = groups.forDataset(Map.of("walk_fast", "walking"));
        assertThat(own.groupOfTruth("walk_fast")).isEqualTo("walking");
        assertThat(own.uncovered(List.of("walk_fast", "moonwalking"))).containsExactly("moonwalking");
        // mobifall_v2's car steps have no training member: open-set can never get them (spec §5: MobiAct 11/13)
        assertThat(groups.uncovered(List.of("car_step_in", "car_step_out", "jogging", "walking", "fall_forward")))
                .containsExactly("car_step_in", "car_step_out");
    }

    @Test
    void aModelThatGroupsALabelDifferentlyFromTheVocabularyIsRefused() {
        assertThatThrownBy(() -> LabelGroups.of(List.of("walking", "jogging"),
                Map.of("walking", "walking", "jogging", "walking"), vocab))
                .hasMessageContaining("'jogging' is in group 'walking' in the model but in 'running'");
        assertThatThrownBy(() -> LabelGroups.of(List.of("walking"), Map.of(), vocab))
                .hasMessageContaining("'walking' has no synonym group");
        // a label only the model knows keeps the model's group
        LabelGroups own = LabelGroups.of(List.of("walking", "hopscotch"),
                Map.of("walking", "walking", "hopscotch", "jumping"), vocab);
        assertThat(own.groupOfPrediction("hopscotch")).isEqualTo("jumping");
    }
}
