package io.tsfm.lab.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.lab.demo.LabelMatch.Verdict;
import io.tsfm.core.labels.LabelVocabulary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's scoring rule on the shipped label vocabulary and mobifall_v2's labels. */
class LabelMatchTest {
    private final LabelMatch match = new LabelMatch(LabelVocabulary.defaults());
    private final List<String> mobifall = List.of("car_step_in", "car_step_out", "fall_backward_knees",
            "fall_backward_sitting", "fall_forward", "fall_sideways", "jogging", "jumping", "sitting_chair",
            "stairs_down", "stairs_up", "standing", "walking");
    private final List<String> switched = List.of("walking", "running", "sitting", "lying", "falling");

    @Test
    void theDatasetsOwnLabelsAreClosedSetExactMatches() {
        assertThat(match.judge("fall_forward", "fall_forward", mobifall)).isEqualTo(Verdict.RIGHT);
        // same synonym group, but the set holds the true label itself: only the exact label is right
        assertThat(match.judge("fall_forward", "fall_sideways", mobifall)).isEqualTo(Verdict.WRONG);
        assertThat(match.isOpenSet(mobifall, mobifall)).isFalse();
    }

    @Test
    void anotherVocabularyIsMatchedBySynonymGroup() {
        assertThat(match.isOpenSet(mobifall, switched)).isTrue();
        assertThat(match.judge("jogging", "running", switched)).isEqualTo(Verdict.RIGHT);
        assertThat(match.judge("fall_backward_knees", "falling", switched)).isEqualTo(Verdict.RIGHT);
        assertThat(match.judge("sitting_chair", "Sitting", switched)).as("normalised").isEqualTo(Verdict.RIGHT);
        assertThat(match.judge("jogging", "walking", switched)).isEqualTo(Verdict.WRONG);
        assertThat(match.judge("walking", "walking", switched)).isEqualTo(Verdict.RIGHT);
    }

    @Test
    void aTruthWithNoLabelOfItsGroupInTheSetIsNotScored() {
        assertThat(match.judge("stairs_down", "walking", switched)).isEqualTo(Verdict.NOT_SCORED);
        assertThat(match.judge("car_step_in", "sitting", switched)).isEqualTo(Verdict.NOT_SCORED);
        // a label outside the vocabulary is its own group
        assertThat(match.judge("walking", "brisk stroll", List.of("brisk stroll", "sitting"))).isEqualTo(Verdict.NOT_SCORED);
    }
}
