package io.tsfm.benchmark.baseline.neural;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.core.labels.LabelVocabulary;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClosedSetMappingTest {
    private static final List<String> TRAINING = List.of("baseball_swing", "jogging", "sitting", "tennis_forehand",
            "walking");
    private static final LabelVocabulary VOCAB = LabelVocabulary.defaults();

    @Test
    void trainingLabelsOutsideTheTestGroupsAreMaskedAndTheRestAnswerTheTestLabelOfTheirGroup() {
        ClosedSetMapping m = ClosedSetMapping.of(TRAINING, List.of("badminton", "running", "standing", "walking"), VOCAB);
        assertThat(m.masked()).containsExactly(2); // sitting: no test label in its group
        assertThat(m.answer(0)).isEqualTo("badminton"); // baseball_swing, swing_sports
        assertThat(m.answer(1)).isEqualTo("running"); // jogging
        assertThat(m.answer(3)).isEqualTo("badminton");
        assertThat(m.answer(4)).isEqualTo("walking");
        assertThat(m.answer(2)).isNull();
        assertThat(m.unreachable()).containsExactly("standing");
        assertThat(m.shadowed()).isEmpty();
    }

    @Test
    void aDatasetsOwnGroupsReachTrainingLabelsAndALabelNoGroupHoldsIsUnreachableNotAnError() {
        ClosedSetMapping m = ClosedSetMapping.of(TRAINING, List.of("moonwalking", "walk_fast"), VOCAB,
                java.util.Map.of("walk_fast", "walking"));
        assertThat(m.answer(4)).isEqualTo("walk_fast"); // walking answers the declared member of its group
        assertThat(m.masked()).containsExactly(0, 1, 2, 3);
        assertThat(m.unreachable()).containsExactly("moonwalking");
    }

    @Test
    void aGroupWithSeveralTestLabelsAnswersOnlyItsFirst() {
        ClosedSetMapping m = ClosedSetMapping.of(TRAINING, List.of("badminton_clear", "badminton_smash",
                "squash_backhand_boast", "squash_forehand_boast"), VOCAB);
        assertThat(m.answer(0)).isEqualTo("badminton_clear");
        assertThat(m.answer(3)).isEqualTo("badminton_clear");
        assertThat(m.shadowed()).containsExactly("badminton_smash", "squash_backhand_boast", "squash_forehand_boast");
        assertThat(m.masked()).containsExactly(1, 2, 4);
    }

    @Test
    void theVoteTakesEachRowsBestAllowedLabelThenTheMostVotedTiesToTheEarliest() {
        ClosedSetMapping m = ClosedSetMapping.of(TRAINING, List.of("badminton", "running", "walking"), VOCAB);
        // sitting (2) scores highest everywhere but is masked
        float[][] rows = {
            {0.1f, 0.3f, 9f, 0.2f, 0.0f},
            {0.1f, 0.0f, 9f, 0.2f, 0.5f},
            {0.0f, 0.4f, 9f, 0.1f, 0.2f},
            {0.1f, 0.0f, 9f, 0.2f, 0.6f},
        };
        // votes: jogging 2, walking 2 → tie to the earlier (jogging)
        assertThat(ZeroShotAdapter.vote(rows, m)).isEqualTo(1);
        assertThat(ZeroShotAdapter.vote(rows, null)).isEqualTo(2);
        assertThat(ZeroShotAdapter.vote(new float[][] {{0f, 1f, 0f, 0f, 3f}}, m)).isEqualTo(4);
    }
}
