package io.tsfm.benchmark.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.benchmark.metrics.LabelGroups;
import io.tsfm.benchmark.metrics.MetricKind;
import io.tsfm.benchmark.metrics.Score;
import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.BenchmarkDatasets;
import io.tsfm.benchmark.protocol.BenchmarkWindow;
import io.tsfm.benchmark.protocol.WindowKey;
import io.tsfm.benchmark.report.BenchmarkResult;
import io.tsfm.benchmark.report.CellValue;
import io.tsfm.benchmark.report.SystemRow;
import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.datasets.eval.ClassificationMetrics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

class BenchmarkRunnerTest {
    private static final LabelVocabulary VOCAB = LabelVocabulary.defaults();
    // candidate order matters: ties go to the first
    private static final List<String> CANDIDATES = List.of("jogging", "nordic_walking", "running", "walking",
            "walking_treadmill_flat");

    private static ZeroShotSystem system(String name, boolean vote, List<String> candidates) {
        return new ZeroShotSystem(name, new DirectPath(new MeanIndexClassifier(vote, 1.0), 1.0, 2),
                LabelGroups.of(candidates, VOCAB), Map.of());
    }

    @Test
    void majorityVoteTakesTheWinningLabelThenItsGroupWithTiesToTheFirstCandidate() {
        // window 1 (truth walking): patch votes jogging, jogging, nordic_walking, walking, walking_treadmill_flat,
        // running: the label vote is won by jogging (2) -> group running, wrong; the walking group holds 3 votes but
        // the reference votes on labels, not groups. Its mean 1.67 -> nordic_walking -> walking, right.
        // window 2 (truth jogging): votes jogging x3, nordic_walking x3: tie -> jogging (first) -> right.
        BenchmarkDataset d = Synthetic.dataset("synth", List.of("jogging", "walking"), List.of("walking", "jogging"),
                List.of(Synthetic.patches(0, 0, 1, 3, 4, 2), Synthetic.patches(0, 0, 0, 1, 1, 1)));
        BenchmarkResult r = BenchmarkRunner.builder().setDatasets(List.of(d))
                .optZeroShot(system("pooled", false, CANDIDATES))
                .optZeroShot(system("vote", true, CANDIDATES)).build().run();
        SystemRow pooled = r.rows().get(0);
        SystemRow vote = r.rows().get(1);
        assertThat(pooled.cell(MetricKind.ZS_OPEN, "synth").accuracy()).isEqualTo(1.0);
        assertThat(vote.cell(MetricKind.ZS_OPEN, "synth").accuracy()).isEqualTo(0.5);
        ClassificationMetrics open = vote.cell(MetricKind.ZS_OPEN, "synth").score().metrics();
        assertThat(open.labels()).containsExactly("running", "walking");
        // running: P 1/2, R 1 -> 2/3; walking: never predicted -> 0
        assertThat(open.macroF1()).isCloseTo(1.0 / 3, within(1e-12));
        // closed-set candidates (jogging, walking): window 1 votes 2 x jogging, 4 x walking; window 2 ties 3-3 -> jogging
        assertThat(vote.cell(MetricKind.ZS_CLOSED, "synth").accuracy()).isEqualTo(1.0);
        assertThat(pooled.cell(MetricKind.ZS_CLOSED, "synth").accuracy()).isEqualTo(1.0);
        assertThat(pooled.cell(MetricKind.SUP1, "synth").hasValue()).isFalse();
        assertThat(r.timings()).hasSize(4);
    }

    /** A path that loses answers, fails some and invents one, as a stream could. */
    private static final class LossyPath implements InferencePath {
        private final InferencePath inner;

        LossyPath(InferencePath inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return "lossy";
        }

        @Override
        public String modelId() {
            return inner.modelId();
        }

        @Override
        public List<WindowPrediction> classify(BenchmarkDataset dataset, List<BenchmarkWindow> windows, LabelSet labels,
                                               IntConsumer progress) {
            List<WindowPrediction> all = inner.classify(dataset, windows, labels, progress);
            List<WindowPrediction> out = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (i % 10 == 3) continue;
                out.add(i % 10 == 7 ? WindowPrediction.failed(all.get(i).key(), "decoder rejected the window") : all.get(i));
            }
            out.add(WindowPrediction.of(new WindowKey(dataset.name(), "ghost", 0), labels.labels().get(0)));
            return out;
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @Test
    void windowsAStreamDidNotAnswerAreListedAndNotScored() throws Exception {
        DataRoot root = DataRoot.resolve();
        BenchmarkDataset d = BenchmarkDatasets.load(List.of("basicmotions"), DatasetCatalog.load(root), root).get(0);
        LabelGroups groups = LabelGroups.of(VOCAB.referenceTrainingLabels(), VOCAB);
        ZeroShotSystem lossy = new ZeroShotSystem("lossy", new LossyPath(
                new DirectPath(new MeanIndexClassifier(false, 1.0), 1.0)), groups, Map.of());
        BenchmarkResult r = BenchmarkRunner.builder().setDatasets(List.of(d)).optZeroShot(lossy).build().run();

        Score s = r.rows().get(0).cell(MetricKind.ZS_CLOSED, "basicmotions").score();
        int n = d.windows().size();
        int dropped = (n + 6) / 10;
        int failed = (n + 2) / 10;
        assertThat(s.windows()).isEqualTo(n);
        assertThat(s.missing()).hasSize(dropped).contains(d.windows().get(3).key(), d.windows().get(13).key());
        assertThat(s.failed()).hasSize(failed).containsEntry(d.windows().get(7).key(), "decoder rejected the window");
        assertThat(s.unexpected()).containsExactly(new WindowKey("basicmotions", "ghost", 0));
        assertThat(s.scored()).isEqualTo(n - dropped - failed);
        assertThat(s.complete()).isFalse();

        // the metrics are those of the answered windows alone, computed independently here
        List<String> truth = new ArrayList<>();
        List<String> pred = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i % 10 == 3 || i % 10 == 7) continue;
            BenchmarkWindow w = d.windows().get(i);
            truth.add(w.label());
            pred.add(d.labels().get(MeanIndexClassifier.indexOf(w.samples()[0], 0, w.length(), d.labels().size())));
        }
        ClassificationMetrics expected = ClassificationMetrics.of(truth, pred, d.labels());
        assertThat(s.metrics().accuracy()).isEqualTo(expected.accuracy());
        assertThat(s.metrics().macroF1()).isEqualTo(expected.macroF1());
        CellValue cell = r.rows().get(0).cell(MetricKind.ZS_CLOSED, "basicmotions");
        assertThat(cell.note()).contains(dropped + " missing", failed + " failed");
    }

    @Test
    void aPathThatCannotScoreTheDatasetsLabelsFailsBeforeAnyInference() {
        MeanIndexClassifier clf = new MeanIndexClassifier(false, 1.0);
        InferencePath fixed = new InferencePath() {
            final DirectPath inner = new DirectPath(clf, 1.0);

            @Override
            public String name() {
                return "fixed";
            }

            @Override
            public String modelId() {
                return "fixed-model";
            }

            @Override
            public Set<String> unsupportedLabels(Collection<String> labels) {
                Set<String> out = new TreeSet<>(labels);
                out.removeAll(CANDIDATES);
                return out;
            }

            @Override
            public List<WindowPrediction> classify(BenchmarkDataset dataset, List<BenchmarkWindow> windows,
                                                   LabelSet labels, IntConsumer progress) {
                return inner.classify(dataset, windows, labels, progress);
            }

            @Override
            public void close() {
            }
        };
        BenchmarkDataset d = Synthetic.dataset("synth", List.of("jogging", "standing", "walking"),
                List.of("walking"), List.<float[][]>of(Synthetic.patches(1, 1, 1, 1, 1, 1)));
        BenchmarkRunner runner = BenchmarkRunner.builder().setDatasets(List.of(d))
                .optZeroShot(new ZeroShotSystem("fixed", fixed, LabelGroups.of(CANDIDATES, VOCAB), Map.of())).build();
        assertThatThrownBy(runner::run).isInstanceOf(BenchmarkException.class)
                .hasMessageContaining("dataset synth: closed-set").hasMessageContaining("cannot score [standing]");
        assertThat(clf.calls).isZero();
    }

    @Test
    void aLabelNoGroupHoldsIsUncoveredNotAnAbortAndADeclaredLabelIsScoredByItsGroup() {
        // walk_fast is declared into the walking group by the dataset; moonwalking has no group at all
        List<String> labels = List.of("moonwalking", "walk_fast");
        List<String> truth = List.of("walk_fast", "moonwalking", "moonwalking");
        List<BenchmarkWindow> windows = new ArrayList<>();
        for (int i = 0; i < truth.size(); i++) {
            windows.add(new BenchmarkWindow(new WindowKey("own", "s1", i * 60), i, labels.indexOf(truth.get(i)),
                    truth.get(i), Synthetic.patches(3, 3, 3, 3, 3, 3), Synthetic.RATE, Synthetic.CHANNELS));
        }
        BenchmarkDataset d = new BenchmarkDataset("own", "A user dataset.", labels, windows, 1, 0,
                Map.of("walk_fast", "walking"));
        assertThat(d.labelGroups()).containsEntry("walk_fast", "walking").containsEntry("moonwalking", "moonwalking");

        BenchmarkResult r = BenchmarkRunner.builder().setDatasets(List.of(d))
                .optZeroShot(system("m", false, CANDIDATES)).build().run();

        // open-set: every window is answered candidate 3, walking: right for walk_fast (its group), wrong otherwise
        CellValue open = r.rows().get(0).cell(MetricKind.ZS_OPEN, "own");
        assertThat(open.accuracy()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(open.score().metrics().labels()).containsExactly("moonwalking", "walking");
        assertThat(open.score().metrics().support()).containsEntry("moonwalking", 2L).containsEntry("walking", 1L);
        // closed-set asks the dataset's own labels: the mean 3 clamps to the last, walk_fast
        assertThat(r.rows().get(0).cell(MetricKind.ZS_CLOSED, "own").accuracy()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(r.datasets().get(0).uncovered()).containsExactly("moonwalking");
        assertThat(r.datasets().get(0).uncoveredWindows()).containsExactly(Map.entry("moonwalking", 2));
        assertThat(r.deviations()).anySatisfy(s -> assertThat(s).contains("own: labels [moonwalking] (windows [2])"));
    }

    @Test
    void windowsTheModelFailsOnAreListedNotScored() {
        BenchmarkDataset d = Synthetic.dataset("synth", List.of("jogging", "walking"), List.of("walking", "jogging"),
                List.of(Synthetic.patches(1, 1, 1, 1, 1, Double.NaN), Synthetic.patches(0, 0, 0, 0, 0, 0)));
        BenchmarkResult r = BenchmarkRunner.builder().setDatasets(List.of(d))
                .optZeroShot(system("m", false, CANDIDATES)).build().run();
        Score s = r.rows().get(0).cell(MetricKind.ZS_CLOSED, "synth").score();
        assertThat(s.failed()).containsOnlyKeys(d.windows().get(0).key()).containsValue("NaN in channel 0");
        assertThat(s.scored()).isEqualTo(1);
        assertThat(s.metrics().accuracy()).isEqualTo(1.0);
    }

    @Test
    void badRequestsAreRefusedByTheBuilder() {
        BenchmarkDataset d = Synthetic.dataset("synth", List.of("walking"), List.of("walking"),
                List.<float[][]>of(Synthetic.patches(0, 0, 0, 0, 0, 0)));
        assertThatThrownBy(() -> BenchmarkRunner.builder().setDatasets(List.of()).build())
                .hasMessageContaining("no datasets");
        assertThatThrownBy(() -> BenchmarkRunner.builder().setDatasets(List.of(d)).build())
                .hasMessageContaining("no system");
        assertThatThrownBy(() -> BenchmarkRunner.builder().setDatasets(List.of(d, d))
                .optZeroShot(system("a", false, CANDIDATES)).build()).hasMessageContaining("listed twice");
    }

    @Test
    void aModelEvaluatedZeroShotAndSupervisedIsOneRow() {
        BenchmarkDataset d = Synthetic.dataset("synth", List.of("jogging", "walking"), List.of("walking", "jogging"),
                List.of(Synthetic.patches(0, 0, 0, 0, 0, 0), Synthetic.patches(3, 3, 3, 3, 3, 3)));
        SupervisedSystem alwaysWalking = new SupervisedSystem() {
            public String name() { return "m"; }
            public String description() { return "always walking"; }
            public void check(BenchmarkDataset ds, io.tsfm.benchmark.protocol.FineTuneSplit split, double rate) {}
            public List<String> predict(BenchmarkDataset ds, io.tsfm.benchmark.protocol.FineTuneSplit split,
                                        double rate, List<io.tsfm.benchmark.protocol.BenchmarkWindow> test) {
                return test.stream().map(w -> "walking").toList();
            }
        };
        BenchmarkResult r = BenchmarkRunner.builder().setDatasets(List.of(d))
                .optZeroShot(system("m", false, CANDIDATES)).optSupervised(alwaysWalking).build().run();
        assertThat(r.rows().stream().filter(row -> row.name().equals("m")).count()).isEqualTo(1);
        SystemRow row = r.rows().get(0);
        assertThat(row.about()).contains("zero-shot model").contains("supervised: always walking");
        assertThat(row.cell(MetricKind.ZS_CLOSED, "synth").score()).isNotNull();
        assertThat(row.cell(MetricKind.SUP1, "synth").score()).isNotNull();
        assertThatThrownBy(() -> BenchmarkRunner.builder().setDatasets(List.of(d)).optSupervised(alwaysWalking)
                .optSupervised(alwaysWalking).build()).hasMessageContaining("share a name");
    }
}
