package io.tsfm.benchmark.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.benchmark.metrics.MetricKind;
import io.tsfm.benchmark.metrics.Score;
import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.BenchmarkDatasets;
import io.tsfm.benchmark.protocol.BenchmarkWindow;
import io.tsfm.benchmark.report.BenchmarkResult;
import io.tsfm.benchmark.report.SystemRow;
import io.tsfm.benchmark.run.BenchmarkRunner;
import io.tsfm.benchmark.run.BundleSystems;
import io.tsfm.benchmark.run.PathAgreement;
import io.tsfm.benchmark.run.WindowPrediction;
import io.tsfm.benchmark.run.ZeroShotSystem;
import io.tsfm.core.runtime.Classification;
import io.tsfm.core.ort.ExecutionDevice;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.runtime.OnnxWindowClassifier;
import io.tsfm.core.runtime.Scoring;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.catalog.DatasetCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stream path against a real KRaft broker and the real streaming job on a MiniCluster, serving the committed
 * micro bundle, on real basicmotions and racketsports windows: its predictions equal the direct path's, and a window
 * the job never completes is reported missing, not scored.
 */
class StreamPathTest {
    private static final Path BUNDLE = Path.of("..", "models", "tsfm-micro").toAbsolutePath().normalize();

    private static StreamPath stream;
    private static BundleSystems direct;
    private static OnnxWindowClassifier classifier;
    private static List<BenchmarkDataset> datasets;

    @BeforeAll
    static void start() throws Exception {
        DataRoot root = DataRoot.resolve();
        datasets = BenchmarkDatasets.load(List.of("basicmotions", "racketsports"), DatasetCatalog.load(root), root);
        direct = BundleSystems.open(BUNDLE, 32, ExecutionDevice.CPU);
        classifier = OnnxWindowClassifier.builder().setBundle(BUNDLE).optScoring(Scoring.MEAN_EMBEDDING).build();
        stream = StreamPath.builder().setModel(BUNDLE).optIdleTimeout(Duration.ofSeconds(4)).optParallelism(2)
                .build();
    }

    @AfterAll
    static void stop() {
        if (stream != null) stream.close();
        if (direct != null) direct.close();
        if (classifier != null) classifier.close();
    }

    /** The windows of the first {@code devices} devices of {@code d}. */
    private static List<BenchmarkWindow> firstDevices(BenchmarkDataset d, int devices) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (BenchmarkWindow w : d.windows()) names.add(w.key().device());
        List<String> keep = new ArrayList<>(names).subList(0, Math.min(devices, names.size()));
        return d.windows().stream().filter(w -> keep.contains(w.key().device())).toList();
    }

    @Test
    void streamAnswersEveryWindowExactlyAsTheDirectPath() {
        for (BenchmarkDataset d : datasets) {
            List<BenchmarkWindow> windows = firstDevices(d, 2);
            assertThat(windows).hasSizeGreaterThan(5);
            LabelSet labels = new LabelSet(d.name(), 1, d.labels());
            int[] progressed = {0};
            List<WindowPrediction> s = stream.classify(d, windows, labels, n -> progressed[0] += n);
            List<WindowPrediction> x = direct.systems().get(0).path().classify(d, windows, labels, n -> { });
            PathAgreement agreement = PathAgreement.of(windows, x, s);
            assertThat(agreement.differences()).as(d.name()).isEmpty();
            assertThat(agreement.onlyFirst()).as(d.name() + ": windows the stream did not answer").isEmpty();
            assertThat(agreement.onlySecond()).isEmpty();
            assertThat(agreement.identical()).isEqualTo(windows.size());
            // equal answers only mean something when the model tells windows apart
            assertThat(s.stream().map(WindowPrediction::label).distinct().count()).as(d.name()).isGreaterThan(1);
            assertThat(progressed[0]).isEqualTo(windows.size());
            StreamPass pass = stream.passes().get(stream.passes().size() - 1);
            // not only the same label: the same score, so the job saw the same samples and channel texts
            List<SensorWindow> input = windows.stream()
                    .map(w -> w.toSensorWindow(d.description(), direct.patchSeconds())).toList();
            List<Classification> scored = classifier.classify(input, labels, 1);
            for (int i = 0; i < windows.size(); i++) {
                assertThat(pass.topScores().get(windows.get(i).key())).as(windows.get(i).key().toString())
                        .isCloseTo(scored.get(i).topK().get(0).score(), within(1e-5f));
            }
            assertThat(pass.stats().answered()).isEqualTo(windows.size());
            assertThat(pass.stats().timedOut()).isFalse();
            assertThat(pass.stats().frames()).isGreaterThanOrEqualTo(windows.size());
        }
    }

    @Test
    void aWindowTheJobNeverCompletesIsListedMissingAndNotScored() {
        BenchmarkDataset d = datasets.get(0);
        List<BenchmarkWindow> windows = new ArrayList<>(firstDevices(d, 1));
        // a non-finite sample: the job dead-letters that frame, so the window lacks samples and is never classified
        BenchmarkWindow broken = windows.get(1);
        float[][] samples = new float[broken.samples().length][];
        for (int c = 0; c < samples.length; c++) samples[c] = broken.samples()[c].clone();
        samples[0][3] = Float.NaN;
        windows.set(1, new BenchmarkWindow(broken.key(), broken.index(), broken.labelIndex(), broken.label(), samples,
                broken.rateHz(), broken.channels()));
        BenchmarkDataset subset = new BenchmarkDataset(d.name(), d.description(), d.labels(), windows, 1, 0);

        ZeroShotSystem model = direct.systems().get(0);
        BenchmarkResult r = BenchmarkRunner.builder().setDatasets(List.of(subset))
                .optZeroShot(new ZeroShotSystem("stream", stream, model.groups(), Map.of())).build().run();

        SystemRow row = r.rows().get(0);
        for (MetricKind m : List.of(MetricKind.ZS_OPEN, MetricKind.ZS_CLOSED)) {
            Score score = row.cell(m, d.name()).score();
            assertThat(score.missing()).as(m.id()).containsExactly(broken.key());
            assertThat(score.scored()).isEqualTo(windows.size() - 1);
            assertThat(score.metrics().support().values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(windows.size() - 1L);
        }
        StreamPass last = stream.passes().get(stream.passes().size() - 1);
        assertThat(last.stats().timedOut()).isTrue();
        assertThat(last.stats().answered()).isEqualTo(windows.size() - 1);
    }
}
