package io.tsfm.benchmark.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsfm.benchmark.metrics.MetricKind;
import io.tsfm.benchmark.metrics.Score;
import io.tsfm.benchmark.protocol.WindowKey;
import io.tsfm.datasets.eval.ClassificationMetrics;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    private static Score score(List<String> truth, List<String> pred, List<String> labels, List<WindowKey> missing) {
        return new Score(ClassificationMetrics.of(truth, pred, labels), truth.size() + missing.size(), missing,
                Map.of(), List.of());
    }

    private static BenchmarkResult result() {
        List<String> datasets = List.of("mobifall_v2", "basicmotions");
        Map<MetricKind, Map<String, CellValue>> tsfm = new EnumMap<>(MetricKind.class);
        Map<String, CellValue> closed = new LinkedHashMap<>();
        // mobifall: 3 of 4 right; basicmotions: 1 of 2 right and one window missing
        closed.put("mobifall_v2", CellValue.measured(score(List.of("walking", "walking", "jogging", "standing"),
                List.of("walking", "walking", "jogging", "walking"), List.of("jogging", "standing", "walking"), List.of())));
        closed.put("basicmotions", CellValue.measured(score(List.of("running", "walking"), List.of("running", "running"),
                List.of("running", "walking"), List.of(new WindowKey("basicmotions", "unknown", 120)))));
        tsfm.put(MetricKind.ZS_CLOSED, closed);
        Map<String, CellValue> sup = new LinkedHashMap<>();
        for (String d : datasets) sup.put(d, CellValue.notAvailable("not run: fine-tuning not implemented"));
        tsfm.put(MetricKind.SUP1, sup);
        SystemRow row = new SystemRow("TSFM test", SystemRow.Kind.MEASURED, "a test row", tsfm);
        PublishedResults pub = PublishedResults.load();
        List<SystemRow> rows = new java.util.ArrayList<>(List.of(row));
        rows.addAll(pub.rows(datasets));
        TestSetSummary m = new TestSetSummary("mobifall_v2", 4, 1, 50, List.of("jogging", "standing", "walking"),
                Map.of("jogging", 1, "standing", 1, "walking", 2), List.of(),
                Map.of("train", 3, "validation", 0, "test", 1, "labelled_1pct", 1, "labelled_10pct", 1));
        TestSetSummary b = new TestSetSummary("basicmotions", 3, 1, 10, List.of("running", "walking"),
                Map.of("running", 1, "walking", 2), List.of("walking"),
                Map.of("train", 2, "validation", 0, "test", 1, "labelled_1pct", 1, "labelled_10pct", 1));
        return new BenchmarkResult(Map.of("path", "direct"), Map.of("bundle", "/tmp/b"), List.of(m, b), rows,
                List.of("a deviation"), List.of(new PassTiming("TSFM test", "direct", "zs_closed", "mobifall_v2", 4, 0.5)),
                12.5);
    }

    @Test
    void writesTablesPerMetricWithAveragesPublishedRowsMarkedAndConfusionPngs(@TempDir Path dir) throws Exception {
        PublishedResults pub = PublishedResults.load();
        Path md = ReportWriter.write(result(), pub, dir);
        String text = Files.readString(md);
        assertThat(text).contains("### Zero-shot closed-set: accuracy (%)",
                "| System | mobifall_v2 | basicmotions | Average |",
                // 75.0 and 50.0 (incomplete) -> average 62.5
                "| TSFM test | 75.0 | 50.0† | 62.5 |",
                // the reference's MobiAct numbers stand in the mobifall_v2 column, marked
                "| TSFM-Small-Deep (reference) *(published, not measured)* | 50.0 | – | – |",
                "| MOMENT *(published, not measured)* | 40.9 | – | – |",
                "| LLaSA *(published, not measured)* | n/a | – | – |".replace("n/a", "–"),
                "### 1 % supervised: accuracy (%)", "| TSFM test | not run | not run | – |",
                "a deviation", "Wall time: 12.5 s", "windows/s");
        assertThat(text).contains("basicmotions: 2 of 3 windows scored; missing [basicmotions/unknown/120]");
        // open-set tables: the reference row's 42.2 / 16.3
        assertThat(text).contains("### Zero-shot open-set: macro-F1 (%)");
        assertThat(text).containsPattern("TSFM-Small-Deep \\(reference\\) \\*\\(published, not measured\\)\\* \\| 16\\.3 \\|");

        JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(json.path("format").asText()).isEqualTo(ReportWriter.FORMAT);
        JsonNode closedRows = json.path("metrics").path("zs_closed").path("rows");
        JsonNode tsfm = closedRows.get(0);
        assertThat(tsfm.path("kind").asText()).isEqualTo("measured");
        assertThat(tsfm.path("cells").path("mobifall_v2").path("accuracy").asDouble()).isEqualTo(0.75);
        assertThat(tsfm.path("cells").path("basicmotions").path("missing").get(0).asText())
                .isEqualTo("basicmotions/unknown/120");
        assertThat(tsfm.path("average").path("accuracy").asDouble()).isCloseTo(0.625, within(1e-9));
        assertThat(tsfm.path("cells").path("mobifall_v2").path("per_class_recall").path("walking").asDouble())
                .isEqualTo(1.0);
        assertThat(closedRows.get(1).path("kind").asText()).isEqualTo("published, not measured");
        assertThat(closedRows.get(1).path("average").path("accuracy").isNull()).isTrue();

        String png = tsfm.path("cells").path("mobifall_v2").path("confusion").path("png").asText();
        BufferedImage img = ImageIO.read(dir.resolve(png).toFile());
        assertThat(img.getWidth()).isGreaterThan(100);
        assertThat(Files.list(dir.resolve("confusion")).count()).isEqualTo(2);
    }

    @Test
    void publishedRowsCoverOnlyWhatTheReferenceReported() {
        PublishedResults pub = PublishedResults.load();
        List<SystemRow> rows = pub.rows(List.of("mobifall_v2", "racketsports"));
        assertThat(rows).extracting(SystemRow::name).containsExactly("MOMENT", "LLaSA", "TSFM-Small-Deep (reference)");
        assertThat(rows).allMatch(r -> r.kind() == SystemRow.Kind.PUBLISHED && r.about().contains("published, not measured"));
        SystemRow ref = rows.get(2);
        assertThat(ref.cell(MetricKind.ZS_CLOSED, "mobifall_v2").accuracy()).isCloseTo(0.50, within(1e-12));
        assertThat(ref.cell(MetricKind.ZS_CLOSED, "mobifall_v2").macroF1()).isCloseTo(0.128, within(1e-12));
        assertThat(ref.cell(MetricKind.ZS_OPEN, "mobifall_v2").accuracy()).isCloseTo(0.422, within(1e-12));
        assertThat(ref.cell(MetricKind.ZS_OPEN, "mobifall_v2").macroF1()).isCloseTo(0.163, within(1e-12));
        assertThat(ref.cell(MetricKind.SUP1, "mobifall_v2").accuracy()).isCloseTo(0.653, within(1e-12));
        assertThat(ref.cell(MetricKind.SUP10, "mobifall_v2").accuracy()).isCloseTo(0.729, within(1e-12));
        assertThat(ref.cell(MetricKind.ZS_OPEN, "racketsports").hasValue()).isFalse();
        assertThat(rows.get(1).cell(MetricKind.SUP1, "mobifall_v2").hasValue()).isFalse();
        assertThat(pub.fiveDatasetAverages().get("MOMENT").get("zs_closed_acc")).isEqualTo(44.7);
    }

    @Test
    void statesStreamDirectAgreementAndListsEveryDifference(@TempDir Path dir) throws Exception {
        PathComparison.Pass same = new PathComparison.Pass("basicmotions", "vocabulary", 3, 3, 1.5, false, 3,
                List.of(), List.of(), List.of());
        PathComparison.Pass differs = new PathComparison.Pass("basicmotions", "basicmotions", 3, 2, 2.5, true, 1,
                List.of("basicmotions/1/60: direct 'walking', stream 'running'"), List.of("basicmotions/1/120"),
                List.of());
        PathComparison agree = new PathComparison("TSFM test (stream)", Map.of("mode", "embedded"), List.of(same));
        Path md = ReportWriter.write(result(), null, agree, dir.resolve("a"));
        assertThat(Files.readString(md)).contains("## Stream path vs direct path",
                "identical: both paths gave the same prediction on every one of the 3 windows of 1 passes");
        JsonNode a = new ObjectMapper().readTree(dir.resolve("a/report.json").toFile()).path("path_agreement");
        assertThat(a.path("identical").asBoolean()).isTrue();
        assertThat(a.path("replay_windows_per_second").asDouble()).isEqualTo(2.0);

        PathComparison disagree = new PathComparison("TSFM test (stream)", Map.of("mode", "embedded"),
                List.of(same, differs));
        String text = Files.readString(ReportWriter.write(result(), null, disagree, dir.resolve("b")));
        assertThat(text).contains("NOT identical: 4 of 6 windows agree; 1 answered differently, 1 answered by the "
                        + "direct path only (missing from the stream), 0 by the stream only",
                "- differs, basicmotions/1/60: direct 'walking', stream 'running'",
                "- missing from the stream: basicmotions/1/120", "| 2 (timed out) |");
        JsonNode b = new ObjectMapper().readTree(dir.resolve("b/report.json").toFile()).path("path_agreement");
        assertThat(b.path("identical").asBoolean()).isFalse();
        assertThat(b.path("passes").get(1).path("only_direct").get(0).asText()).isEqualTo("basicmotions/1/120");
        assertThat(b.path("replay_windows_per_second").asDouble()).isEqualTo(1.3);
    }
}
