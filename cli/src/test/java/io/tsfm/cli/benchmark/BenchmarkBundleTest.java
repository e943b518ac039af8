package io.tsfm.cli.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.BenchmarkDatasets;
import io.tsfm.benchmark.protocol.BenchmarkWindow;
import io.tsfm.cli.testing.CliRun;
import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.core.runtime.LabelEncoderKind;
import io.tsfm.core.runtime.OnnxWindowClassifier;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.core.runtime.WindowEmbedding;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.datasets.eval.MajorityVote;
import io.tsfm.training.run.TrainConfig;
import io.tsfm.training.run.ContrastiveTrainer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tsfm benchmark --model} on a real bundle (a micro checkpoint trained briefly on hapt, exported), checked
 * against predictions computed here from the bundle's own embeddings: pooled = argmax cosine of the window
 * embedding, majority vote = each patch's argmax label, {@link MajorityVote} over labels, then (open-set) the group.
 */
class BenchmarkBundleTest {
    @TempDir static Path tmp;
    private static Path bundle;

    @BeforeAll
    static void trainAndExport() throws Exception {
        TrainConfig cfg = TrainConfig.builder().setTier("micro").setOutDir(tmp.resolve("run"))
                .optDatasets(List.of("hapt")).optEpochs(1).optSamplesPerEpoch(128).optBatchSize(16).optQueueSize(0)
                .optMaxSeconds(6).optThreads(2).optLabelEncoder(LabelEncoderKind.FROZEN).optValidationFraction(0.01).build();
        Path checkpoint = new ContrastiveTrainer(cfg, DataRoot.resolve(), new PrintStream(new ByteArrayOutputStream(), true))
                .run().finalCheckpoint();
        bundle = tmp.resolve("bundle");
        CliRun export = CliRun.run("export", "--checkpoint", checkpoint.toString(), "--out",
                bundle.toString(), "--parity-windows", "12");
        assertThat(export.code()).as(export.err()).isZero();
    }

    private static int argmax(float[] v, float[][] labels) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < labels.length; j++) {
            double s = 0;
            for (int e = 0; e < v.length; e++) s += v[e] * labels[j][e];
            if (s > bestScore) {
                bestScore = s;
                best = j;
            }
        }
        return best;
    }

    /** confusion[truth][pred] over {@code order}, computed here. */
    private static long[][] confusion(List<String> truth, List<String> pred, List<String> order) {
        long[][] cm = new long[order.size()][order.size()];
        for (int i = 0; i < truth.size(); i++) cm[order.indexOf(truth.get(i))][order.indexOf(pred.get(i))]++;
        return cm;
    }

    private static List<String> union(List<String> a, List<String> b) {
        TreeSet<String> u = new TreeSet<>(a);
        u.addAll(b);
        return new ArrayList<>(u);
    }

    private static long[][] matrix(JsonNode cell) {
        JsonNode m = cell.path("confusion").path("matrix");
        long[][] out = new long[m.size()][];
        for (int i = 0; i < m.size(); i++) {
            out[i] = new long[m.get(i).size()];
            for (int j = 0; j < m.get(i).size(); j++) out[i][j] = m.get(i).get(j).asLong();
        }
        return out;
    }

    @Test
    void benchmarksTheBundlePooledAndByPatchVoteExactlyAsComputedFromItsEmbeddings() throws Exception {
        Path report = tmp.resolve("report");
        CliRun bench = CliRun.run("benchmark", "--model", bundle.toString(), "--datasets",
                "basicmotions", "--report", report.toString());
        assertThat(bench.code()).as(bench.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        assertThat(json.path("model").path("tier").asText()).isEqualTo("micro");
        assertThat(json.path("model").path("bundle id (SHA-256 of manifest.json)").asText()).hasSize(64);
        JsonNode closedRows = json.path("metrics").path("zs_closed").path("rows");
        JsonNode openRows = json.path("metrics").path("zs_open").path("rows");
        assertThat(closedRows.get(0).path("system").asText()).isEqualTo("TSFM micro");
        assertThat(closedRows.get(1).path("system").asText()).isEqualTo("TSFM micro (patch majority vote)");

        DataRoot root = DataRoot.resolve();
        BenchmarkDataset d = BenchmarkDatasets.load(List.of("basicmotions"), DatasetCatalog.load(root), root).get(0);
        try (OnnxWindowClassifier clf = OnnxWindowClassifier.open(bundle)) {
            List<SensorWindow> input = new ArrayList<>();
            for (BenchmarkWindow w : d.windows()) input.add(w.toSensorWindow(d.description(), 1.0));
            List<WindowEmbedding> emb = clf.embed(input);
            float[][] closedLabels = clf.labelEmbeddings(d.labels());
            List<String> vocab = clf.bundle().labels();
            float[][] openLabels = clf.labelEmbeddings(vocab);
            List<String> truth = new ArrayList<>();
            List<String> pooledClosed = new ArrayList<>();
            List<String> voteClosed = new ArrayList<>();
            List<String> truthGroups = new ArrayList<>();
            List<String> pooledOpen = new ArrayList<>();
            List<String> voteOpen = new ArrayList<>();
            for (int i = 0; i < emb.size(); i++) {
                WindowEmbedding e = emb.get(i);
                assertThat(e.ok()).isTrue();
                truth.add(d.windows().get(i).label());
                truthGroups.add(LabelVocabulary.defaults().groupOf(d.windows().get(i).label()));
                pooledClosed.add(d.labels().get(argmax(e.embedding(), closedLabels)));
                pooledOpen.add(clf.bundle().groupOf(vocab.get(argmax(e.embedding(), openLabels))));
                int[] closedVotes = new int[e.patchEmbeddings().length];
                int[] openVotes = new int[e.patchEmbeddings().length];
                for (int p = 0; p < closedVotes.length; p++) {
                    closedVotes[p] = argmax(e.patchEmbeddings()[p], closedLabels);
                    openVotes[p] = argmax(e.patchEmbeddings()[p], openLabels);
                }
                voteClosed.add(d.labels().get(MajorityVote.vote(closedVotes, d.labels().size())));
                // the reference votes on labels, then maps the winner to its group
                voteOpen.add(clf.bundle().groupOf(vocab.get(MajorityVote.vote(openVotes, vocab.size()))));
            }
            JsonNode pooledClosedCell = closedRows.get(0).path("cells").path("basicmotions");
            JsonNode voteClosedCell = closedRows.get(1).path("cells").path("basicmotions");
            assertThat(pooledClosedCell.path("scored").asInt()).isEqualTo(133);
            assertThat(matrix(pooledClosedCell)).isDeepEqualTo(confusion(truth, pooledClosed, d.labels()));
            assertThat(matrix(voteClosedCell)).isDeepEqualTo(confusion(truth, voteClosed, d.labels()));

            JsonNode pooledOpenCell = openRows.get(0).path("cells").path("basicmotions");
            JsonNode voteOpenCell = openRows.get(1).path("cells").path("basicmotions");
            List<String> union = union(truthGroups, pooledOpen);
            assertThat(pooledOpenCell.path("confusion").path("labels").toString())
                    .isEqualTo(new ObjectMapper().writeValueAsString(union));
            assertThat(matrix(pooledOpenCell)).isDeepEqualTo(confusion(truthGroups, pooledOpen, union));
            List<String> voteUnion = union(truthGroups, voteOpen);
            assertThat(matrix(voteOpenCell)).isDeepEqualTo(confusion(truthGroups, voteOpen, voteUnion));
        }
        assertThat(Files.readString(report.resolve("report.md"))).contains("| TSFM micro (patch majority vote) |",
                "TSFM's supervised fine-tuning");
    }

    @Test
    void aTamperedBundleFailsBeforeAnyDatasetIsRead() throws Exception {
        Path copy = tmp.resolve("tampered");
        Files.createDirectories(copy);
        try (var files = Files.list(bundle)) {
            for (Path f : files.toList()) Files.copy(f, copy.resolve(f.getFileName()));
        }
        byte[] model = Files.readAllBytes(copy.resolve("model.onnx"));
        model[model.length - 10] ^= 1;
        Files.write(copy.resolve("model.onnx"), model);
        CliRun bad = CliRun.run("benchmark", "--model", copy.toString(), "--datasets", "mobifall_v2",
                "--report", tmp.resolve("never").toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("model.onnx");
        assertThat(tmp.resolve("never")).doesNotExist();
    }
}
