package io.tsfm.benchmark.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.WindowKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathAgreementTest {
    private final BenchmarkDataset d = Synthetic.dataset("synth", List.of("jogging", "walking"),
            List.of("walking", "jogging", "walking", "walking"),
            List.of(Synthetic.patches(1), Synthetic.patches(0), Synthetic.patches(1), Synthetic.patches(1)));

    private WindowKey k(int i) {
        return d.windows().get(i).key();
    }

    @Test
    void listsEveryWindowThePathsAnsweredDifferentlyOrOnlyOnce() {
        List<WindowPrediction> direct = List.of(WindowPrediction.of(k(0), "walking"), WindowPrediction.of(k(1), "jogging"),
                WindowPrediction.of(k(2), "walking"));
        List<WindowPrediction> stream = List.of(WindowPrediction.of(k(0), "walking"), WindowPrediction.of(k(1), "walking"),
                WindowPrediction.of(k(3), "walking"));
        PathAgreement a = PathAgreement.of(d.windows(), direct, stream);
        assertThat(a.identical()).isEqualTo(1);
        assertThat(a.differences()).extracting(PathAgreement.Difference::key).containsExactly(k(1));
        assertThat(a.onlyFirst()).containsExactly(k(2));
        assertThat(a.onlySecond()).containsExactly(k(3));
        assertThat(a.agrees()).isFalse();
        assertThat(PathAgreement.of(d.windows(), direct, direct).agrees()).isTrue();
    }

    @Test
    void theJoinKeepsRepeatedIdenticalAnswersAndFlagsConflictingOnes() {
        List<WindowPrediction> answers = List.of(WindowPrediction.of(k(0), "walking"), WindowPrediction.of(k(0), "walking"),
                WindowPrediction.of(k(1), "jogging"), WindowPrediction.of(k(1), "walking"),
                WindowPrediction.failed(k(2), "late"));
        PredictionJoin j = PredictionJoin.of(d.windows(), answers);
        assertThat(j.conflicting()).containsExactly(k(1));
        assertThat(j.scored()).extracting(w -> w.key()).containsExactly(k(0), k(1));
        assertThat(j.failed()).containsOnlyKeys(k(2));
        assertThat(j.missing()).containsExactly(k(3));
        assertThat(j.truth()).containsExactly("walking", "jogging");
    }
}
