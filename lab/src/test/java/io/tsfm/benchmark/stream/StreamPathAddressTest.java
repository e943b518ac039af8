package io.tsfm.benchmark.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.BenchmarkDatasets;
import io.tsfm.benchmark.protocol.BenchmarkWindow;
import io.tsfm.benchmark.run.BundleSystems;
import io.tsfm.benchmark.run.PathAgreement;
import io.tsfm.benchmark.run.WindowPrediction;
import io.tsfm.core.runtime.Classification;
import io.tsfm.core.ort.ExecutionDevice;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.runtime.OnnxWindowClassifier;
import io.tsfm.core.runtime.Scoring;
import io.tsfm.lab.job.EmbeddedRunner;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.job.JobOptions;
import io.tsfm.job.ClassifierFactories;
import io.tsfm.lab.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stream path's address mode ({@code ./tsfm benchmark --path stream --bootstrap-servers H:P}) against a job it
 * did not start: a real KRaft broker, and beside it the streaming job on a MiniCluster started from job arguments as
 * {@code ./tsfm job --bootstrap-servers H:P ...} does, serving the committed micro bundle. With the benchmark's window
 * settings two benchmark runs in a row answer real basicmotions windows exactly as the direct path; a job left at
 * the default 2 s hop, or cutting 3 s windows, is refused before any window is scored, naming the settings it needs.
 */
class StreamPathAddressTest {
    private static final Path BUNDLE = Path.of("..", "models", "tsfm-micro").toAbsolutePath().normalize();

    private static BundleSystems direct;
    private static OnnxWindowClassifier classifier;
    private static BenchmarkDataset basicmotions;

    @BeforeAll
    static void open() throws Exception {
        DataRoot root = DataRoot.resolve();
        basicmotions = BenchmarkDatasets.load(List.of("basicmotions"), DatasetCatalog.load(root), root).get(0);
        direct = BundleSystems.open(BUNDLE, 32, ExecutionDevice.CPU);
        classifier = OnnxWindowClassifier.builder().setBundle(BUNDLE).optScoring(Scoring.MEAN_EMBEDDING).build();
    }

    @AfterAll
    static void close() {
        if (direct != null) direct.close();
        if (classifier != null) classifier.close();
    }

    /** The job as {@code ./tsfm job --bootstrap-servers <kafka> --model models/tsfm-micro <args>} starts it. */
    private static EmbeddedRunner startJob(EmbeddedKafka kafka, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--bootstrap-servers", kafka.bootstrapServers(),
                "--model", BUNDLE.toString(), "--parallelism", "2"));
        all.addAll(List.of(args));
        JobOptions o = JobOptions.parse(all.toArray(String[]::new));
        EmbeddedRunner.createTopics(kafka, o); // the user's Kafka has the job's topics
        return EmbeddedRunner.start(o, ClassifierFactories.resolve(o));
    }

    private static StreamPath connect(EmbeddedKafka kafka) throws Exception {
        return StreamPath.builder().setModel(BUNDLE).optBootstrapServers(kafka.bootstrapServers())
                .optIdleTimeout(Duration.ofSeconds(4)).optStartTimeout(Duration.ofSeconds(60)).build();
    }

    @Test
    void twoBenchmarkRunsAgainstARunningJobAnswerEveryWindowAsTheDirectPath() throws Exception {
        List<BenchmarkWindow> windows = firstDevices(basicmotions, 2);
        assertThat(windows).hasSizeGreaterThan(5);
        LabelSet labels = new LabelSet(basicmotions.name(), 1, basicmotions.labels());
        List<WindowPrediction> reference = direct.systems().get(0).path().classify(basicmotions, windows, labels,
                n -> { });
        List<Classification> scored = classifier.classify(windows.stream()
                .map(w -> w.toSensorWindow(basicmotions.description(), direct.patchSeconds())).toList(), labels, 1);
        // equal answers only mean something when the model tells these windows apart
        assertThat(reference.stream().map(WindowPrediction::label).distinct().count()).isGreaterThan(1);

        try (EmbeddedKafka kafka = EmbeddedKafka.builder().optNumPartitions(2).build();
             EmbeddedRunner job = startJob(kafka, "--hop-ms", "6000", "--min-coverage", "1", "--max-gap-ms", "0")) {
            // the same windows twice: the second run must start after the first's event time, else the job's
            // watermark is past them, their frames are late and every window goes missing
            for (int run = 1; run <= 2; run++) {
                try (StreamPath stream = connect(kafka)) {
                    assertThat(stream.embedded()).isFalse();
                    assertThat(stream.bootstrapServers()).isEqualTo(job.bootstrapServers());
                    List<WindowPrediction> answers = stream.classify(basicmotions, windows, labels, n -> { });
                    PathAgreement agreement = PathAgreement.of(windows, reference, answers);
                    assertThat(agreement.differences()).as("run %d", run).isEmpty();
                    assertThat(agreement.onlyFirst()).as("run %d: windows the stream did not answer", run).isEmpty();
                    // every window once and nothing else (a job at another hop answers windows in between too)
                    assertThat(answers.stream().map(WindowPrediction::key).toList()).as("run %d", run)
                            .containsExactlyInAnyOrderElementsOf(windows.stream().map(BenchmarkWindow::key).toList());
                    assertThat(agreement.identical()).isEqualTo(windows.size());
                    StreamPass pass = stream.passes().get(0);
                    for (int i = 0; i < windows.size(); i++) {
                        BenchmarkWindow w = windows.get(i);
                        assertThat(pass.topScores().get(w.key())).as("run %d %s", run, w.key())
                                .isCloseTo(scored.get(i).topK().get(0).score(), within(1e-5f));
                    }
                    assertThat(pass.stats().timedOut()).isFalse();
                }
            }
        }
    }

    @Test
    void aJobAtTheDefaultHopIsRefusedBeforeAnyWindowNamingTheSettingsItNeeds() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().optNumPartitions(2).build();
             EmbeddedRunner job = startJob(kafka)) {
            assertThat(job.options().hopMillis()).isEqualTo(2000);
            assertThatThrownBy(() -> connect(kafka).close())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("at " + kafka.bootstrapServers())
                    .hasMessageContaining("off the benchmark's 6000 ms grid")
                    .hasMessageContaining("--window-ms 6000 --hop-ms 6000 --max-gap-ms 0 --min-coverage 1");
        }
    }

    @Test
    void aJobCuttingShorterWindowsIsRefusedNamingTheWindowLength() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().optNumPartitions(2).build();
             EmbeddedRunner job = startJob(kafka, "--window-ms", "3000", "--hop-ms", "3000", "--min-coverage", "1",
                     "--max-gap-ms", "0")) {
            assertThatThrownBy(() -> connect(kafka).close())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the job's window is 3000 ms long, not 6000 ms")
                    .hasMessageContaining("--window-ms 6000 --hop-ms 6000 --max-gap-ms 0 --min-coverage 1");
        }
    }

    /** The windows of the first {@code devices} devices of {@code d}. */
    private static List<BenchmarkWindow> firstDevices(BenchmarkDataset d, int devices) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (BenchmarkWindow w : d.windows()) names.add(w.key().device());
        List<String> keep = new ArrayList<>(names).subList(0, Math.min(devices, names.size()));
        return d.windows().stream().filter(w -> keep.contains(w.key().device())).toList();
    }
}
