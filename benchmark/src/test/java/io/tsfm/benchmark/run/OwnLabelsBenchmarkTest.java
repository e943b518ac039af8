package io.tsfm.benchmark.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.BenchmarkDatasets;
import io.tsfm.benchmark.report.BenchmarkResult;
import io.tsfm.benchmark.report.ReportWriter;
import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.core.ort.ExecutionDevice;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.catalog.DatasetCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user dataset in the generic labelled-CSV format whose labels are partly outside the built-in vocabulary is
 * benchmarked end to end with the shipped micro bundle ({@code models/tsfm-micro}): discovered under a data root,
 * windowed, classified by the real ONNX model, written as report.json and report.md.
 */
class OwnLabelsBenchmarkTest {
    static final Path BUNDLE = Path.of("..", "models", "tsfm-micro").toAbsolutePath().normalize();
    static final int RATE = 20;
    static final int SESSION_SECONDS = 12; // two 6 s windows per session, no mixed window

    @TempDir Path root;

    /**
     * Two subjects, four 12 s sessions each: walking (built-in), walk_fast (declared into the built-in walking group),
     * turning (declared as a new group), spin_dance (no group at all: listed in 'labels' only).
     */
    private void writeDataset() throws IOException {
        Path dir = root.resolve("lab_turns");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("tsfm-dataset.json"), """
                {
                  "name": "lab_turns",
                  "description": "Smartwatch on the left wrist, 2 subjects walking, walking fast, turning and dancing. Triaxial accelerometer and gyroscope at 20 Hz.",
                  "role": "zero_shot",
                  "rate_hz": 20,
                  "channels": [
                    {"column": "ax", "kind": "accelerometer", "axis": "x", "unit": "m/s^2", "position": "left wrist"},
                    {"column": "ay", "kind": "accelerometer", "axis": "y", "unit": "m/s^2", "position": "left wrist"},
                    {"column": "az", "kind": "accelerometer", "axis": "z", "unit": "m/s^2", "position": "left wrist"},
                    {"column": "gx", "kind": "gyroscope", "axis": "x", "unit": "rad/s", "position": "left wrist"},
                    {"column": "gy", "kind": "gyroscope", "axis": "y", "unit": "rad/s", "position": "left wrist"},
                    {"column": "gz", "kind": "gyroscope", "axis": "z", "unit": "rad/s", "position": "left wrist"}
                  ],
                  "label_column": "activity",
                  "subject_column": "subject",
                  "labels": ["walking", "walk_fast", "turning", "spin_dance"],
                  "synonym_groups": {"turning": ["turning"], "walking": ["walk_fast"]}
                }
                """, StandardCharsets.UTF_8);
        String[] labels = {"walking", "walk_fast", "turning", "spin_dance"};
        double[] hz = {1.8, 2.6, 0.5, 1.1};
        for (String subject : List.of("s1", "s2")) {
            StringBuilder csv = new StringBuilder("ax,ay,az,gx,gy,gz,activity,subject\n");
            for (int l = 0; l < labels.length; l++) {
                for (int i = 0; i < SESSION_SECONDS * RATE; i++) {
                    double t = (double) i / RATE;
                    double s = Math.sin(2 * Math.PI * hz[l] * t);
                    csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%s,%s%n", 2 * s, 9.81 + s,
                            0.5 * s, 0.3 * s, l == 2 ? 2.0 : 0.2 * s, 0.1 * s, labels[l], subject));
                }
            }
            Files.writeString(dir.resolve(subject + ".csv"), csv, StandardCharsets.UTF_8);
        }
    }

    @Test
    void labelsOutsideTheVocabularyAreUncoveredNotAnAbortAndADeclaredLabelIsScoredByItsGroup() throws Exception {
        writeDataset();
        DataRoot dataRoot = DataRoot.of(root);
        List<BenchmarkDataset> sets = BenchmarkDatasets.load(List.of("lab_turns"), DatasetCatalog.load(dataRoot),
                dataRoot);
        BenchmarkDataset d = sets.get(0);
        assertThat(d.windows()).hasSize(16);
        assertThat(LabelVocabulary.defaults().contains("turning")).as("the fixture needs a label outside the vocabulary")
                .isFalse();

        BenchmarkResult result;
        try (BundleSystems bundle = BundleSystems.open(BUNDLE, 8, ExecutionDevice.CPU)) {
            BenchmarkRunner.Builder b = BenchmarkRunner.builder().setDatasets(sets);
            bundle.systems().forEach(b::optZeroShot);
            result = b.build().run();
        }
        Path md = ReportWriter.write(result, null, root.resolve("report"));

        JsonNode json = new ObjectMapper().readTree(root.resolve("report/report.json").toFile());
        JsonNode ds = json.path("datasets").get(0);
        assertThat(ds.path("name").asText()).isEqualTo("lab_turns");
        // the micro model has no label in the turning group nor in spin_dance's own group; it has walking
        assertThat(ds.path("open_set_uncovered_labels").toString()).isEqualTo("[\"spin_dance\",\"turning\"]");
        assertThat(ds.path("open_set_uncovered_windows").path("spin_dance").asInt()).isEqualTo(4);
        assertThat(ds.path("open_set_uncovered_windows").path("turning").asInt()).isEqualTo(4);
        assertThat(ds.path("open_set_label_groups").path("walk_fast").asText()).isEqualTo("walking");
        assertThat(ds.path("open_set_label_groups").path("spin_dance").asText()).isEqualTo("spin_dance");

        JsonNode row = json.path("metrics").path("zs_open").path("rows").get(0);
        assertThat(row.path("system").asText()).isEqualTo("TSFM micro");
        JsonNode open = row.path("cells").path("lab_turns");
        assertThat(open.path("scored").asInt()).as(open.toString()).isEqualTo(16);
        // open-set scores groups: walk_fast's 4 windows count in walking beside walking's own 4
        JsonNode support = open.path("support");
        assertThat(support.path("walking").asInt()).as(support.toString()).isEqualTo(8);
        assertThat(support.path("turning").asInt()).isEqualTo(4);
        assertThat(support.path("spin_dance").asInt()).isEqualTo(4);
        assertThat(support.has("walk_fast")).isFalse();
        // uncovered groups can never be predicted: their recall is 0 whatever the model does
        assertThat(open.path("per_class_recall").path("turning").asDouble()).isZero();
        assertThat(open.path("per_class_recall").path("spin_dance").asDouble()).isZero();

        // closed-set asks the dataset's own four labels and scores every window by exact label
        JsonNode closed = json.path("metrics").path("zs_closed").path("rows").get(0).path("cells").path("lab_turns");
        assertThat(closed.path("scored").asInt()).as(closed.toString()).isEqualTo(16);
        assertThat(closed.path("confusion").path("labels").toString())
                .isEqualTo("[\"spin_dance\",\"turning\",\"walk_fast\",\"walking\"]");

        String report = Files.readString(md);
        assertThat(report).contains("| lab_turns | 16 |").contains("spin_dance (4 windows), turning (4 windows)");
    }
}
