package io.tsfm.datasets.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    @Test
    void handComputedThreeClassCase() {
        // truth: a a a b b c ; pred: a a b b c c
        List<String> t = List.of("a", "a", "a", "b", "b", "c");
        List<String> p = List.of("a", "a", "b", "b", "c", "c");
        ClassificationMetrics m = ClassificationMetrics.of(t, p);
        assertThat(m.accuracy()).isCloseTo(4 / 6.0, offset(1e-12));
        // a: P=2/2 R=2/3 F=0.8 ; b: P=1/2 R=1/2 F=0.5 ; c: P=1/2 R=1/1 F=2/3
        assertThat(m.f1().get("a")).isCloseTo(0.8, offset(1e-12));
        assertThat(m.f1().get("b")).isCloseTo(0.5, offset(1e-12));
        assertThat(m.f1().get("c")).isCloseTo(2 / 3.0, offset(1e-12));
        assertThat(m.macroF1()).isCloseTo((0.8 + 0.5 + 2 / 3.0) / 3, offset(1e-12));
        assertThat(m.weightedF1()).isCloseTo((0.8 * 3 + 0.5 * 2 + 2 / 3.0) / 6, offset(1e-12));
        assertThat(m.confusion()[0]).containsExactly(2, 1, 0);
        assertThat(m.recall().get("a")).isCloseTo(2 / 3.0, offset(1e-12));
    }

    @Test
    void absentClassesInAFixedLabelListCountAsZeroF1() {
        // closed-set over 4 labels, 'd' never occurs and is never predicted -> F1 0 drags the macro mean
        List<String> t = List.of("a", "b");
        List<String> p = List.of("a", "b");
        ClassificationMetrics m = ClassificationMetrics.of(t, p, List.of("a", "b", "c", "d"));
        assertThat(m.accuracy()).isEqualTo(1.0);
        assertThat(m.macroF1()).isCloseTo(0.5, offset(1e-12));
    }

    @Test
    void predictedButAbsentClassJoinsTheUnion() {
        ClassificationMetrics m = ClassificationMetrics.of(List.of("a", "a"), List.of("a", "z"));
        assertThat(m.labels()).containsExactly("a", "z");
        // a: P=1 R=0.5 F=2/3 ; z: P=0 R=0 F=0
        assertThat(m.macroF1()).isCloseTo(1 / 3.0, offset(1e-12));
    }

    @Test
    void majorityVoteBreaksTiesTowardsTheFirstCandidate() {
        assertThat(MajorityVote.vote(new int[] {2, 1, 2, 1}, 3)).isEqualTo(1);
        assertThat(MajorityVote.vote(new int[] {2, 2, 0}, 3)).isEqualTo(2);
        assertThatThrownBy(() -> MajorityVote.vote(new int[0], 3)).hasMessageContaining("no votes");
    }

    @Test
    void rejectsMismatchedInput() {
        assertThatThrownBy(() -> ClassificationMetrics.of(List.of("a"), List.of())).hasMessageContaining("1 truths but 0");
        assertThatThrownBy(() -> ClassificationMetrics.of(List.of("a"), List.of("a"), List.of("a", "a")))
                .hasMessageContaining("duplicate");
    }
}
