package io.tsfm.training.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassProbabilitiesTest {
    static final List<String> LABELS = List.of("sitting", "standing", "walking");

    @Test
    void softmaxOfEachRowSumsToOneAndKeepsTheLogitsOrder() {
        ClassProbabilities p = ClassProbabilities.softmax(LABELS, new float[][] {{0, (float) Math.log(3), 0},
                {1000, 999, -1000}});
        assertThat(p.get(0, 1)).isCloseTo(0.6, within(1e-7));
        assertThat(p.get(0, 0)).isCloseTo(0.2, within(1e-7));
        // large logits do not overflow: shifted by the row's maximum
        assertThat(p.get(1, 0)).isCloseTo(1 / (1 + Math.exp(-1)), within(1e-12));
        assertThat(p.get(1, 2)).isZero();
        assertThat(p.predictions()).containsExactly("standing", "sitting");
        assertThat(p.accuracy(List.of("standing", "walking"))).isEqualTo(0.5);
    }

    @Test
    void theMeanOfTwoRunsFollowsTheMoreConfidentOneOnEachWindow() {
        // a is sure on window 0 and unsure on window 1; b the other way round
        ClassProbabilities a = ClassProbabilities.softmax(LABELS, new float[][] {{5, 0, 0}, {0, 2, 0}});
        ClassProbabilities b = ClassProbabilities.softmax(LABELS, new float[][] {{0, 1, 0}, {0, 0, 6}});
        ClassProbabilities mean = ClassProbabilities.mean(List.of(a, b));
        for (int k = 0; k < 3; k++) {
            assertThat(mean.get(0, k)).isCloseTo((a.get(0, k) + b.get(0, k)) / 2, within(1e-12));
        }
        assertThat(a.predictions()).containsExactly("sitting", "standing");
        assertThat(b.predictions()).containsExactly("standing", "walking");
        assertThat(mean.predictions()).containsExactly("sitting", "walking");
    }

    @Test
    void tiesGoToTheEarliestLabel() {
        assertThat(ClassProbabilities.softmax(LABELS, new float[][] {{0, 2, 2}}).predictions())
                .containsExactly("standing");
    }

    @Test
    void refusesMismatchedShapesAndNonFiniteLogits() {
        ClassProbabilities two = ClassProbabilities.softmax(LABELS, new float[2][3]);
        ClassProbabilities one = ClassProbabilities.softmax(LABELS, new float[1][3]);
        assertThatThrownBy(() -> ClassProbabilities.mean(List.of(two, one)))
                .hasMessageContaining("cannot average probabilities of 1 windows");
        assertThatThrownBy(() -> ClassProbabilities.mean(List.of())).hasMessage("no probabilities to average");
        assertThatThrownBy(() -> ClassProbabilities.softmax(LABELS, new float[][] {{0, 1}}))
                .hasMessage("window 0 has 2 logits for 3 labels");
        assertThatThrownBy(() -> ClassProbabilities.softmax(LABELS, new float[][] {{0, Float.NaN, 1}}))
                .hasMessage("window 0 has a logit NaN");
        assertThatThrownBy(() -> two.accuracy(List.of("sitting"))).hasMessage("1 true labels for 2 windows");
    }
}
