package io.tsfm.cli.classify;

import static io.tsfm.cli.testing.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsfm.cli.Main;
import io.tsfm.cli.testing.CliRun;
import io.tsfm.core.runtime.LabelEncoderKind;
import io.tsfm.datasets.DataRoot;
import io.tsfm.training.run.TrainConfig;
import io.tsfm.training.run.ContrastiveTrainer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tsfm export} then {@code tsfm classify} on a briefly trained micro checkpoint and real hapt windows, run
 * in-process through {@link Main#run}.
 */
class ExportClassifyCommandTest {

    @Test
    void exportsACheckpointAndClassifiesADatasetWithIt(@TempDir Path tmp) throws Exception {
        TrainConfig cfg = TrainConfig.builder().setTier("micro").setOutDir(tmp.resolve("run"))
                .optDatasets(List.of("hapt")).optEpochs(1).optSamplesPerEpoch(128).optBatchSize(16).optQueueSize(0)
                .optMaxSeconds(6).optThreads(2).optLabelEncoder(LabelEncoderKind.FROZEN).optValidationFraction(0.01).build();
        Path checkpoint = new ContrastiveTrainer(cfg, DataRoot.resolve(), new PrintStream(new ByteArrayOutputStream(), true))
                .run().finalCheckpoint();
        Path bundle = tmp.resolve("bundle");

        CliRun export = run("export", "--checkpoint", checkpoint.toString(), "--out", bundle.toString(),
                "--parity-windows", "12");
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.out()).contains("bundle id (SHA-256 of manifest.json): ").contains("model.onnx")
                .contains("predictions differing: 0 closed-set, 0 open-set");
        assertThat(bundle.resolve("manifest.json")).isNotEmptyFile();

        CliRun classify = run("classify", "--model", bundle.toString(), "--dataset", "hapt", "--limit", "20", "--json");
        assertThat(classify.code()).as(classify.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(classify.out());
        assertThat(doc.get("mode").asText()).isEqualTo("closed-set");
        assertThat(doc.get("labels")).hasSize(12);
        assertThat(doc.get("windows")).hasSize(20);
        for (JsonNode w : doc.get("windows")) {
            assertThat(w.get("id").asText()).startsWith("hapt/");
            assertThat(w.get("top")).hasSize(3);
            assertThat(w.get("prediction").asText()).isEqualTo(w.get("top").get(0).get("label").asText());
        }
        JsonNode summary = doc.get("summary");
        assertThat(summary.get("scored").asInt()).isEqualTo(20);
        long correct = 0;
        for (JsonNode w : doc.get("windows")) if (w.get("truth").equals(w.get("prediction"))) correct++;
        assertThat(summary.get("accuracy").asDouble()).isEqualTo(correct / 20.0);

        CliRun open = run("classify", "--model", bundle.toString(), "--dataset", "hapt", "--limit", "5", "--open-set");
        assertThat(open.code()).as(open.err()).isZero();
        assertThat(open.out()).contains("open-set (group) accuracy");

        // a tampered bundle is refused with one clear line naming the file
        byte[] model = Files.readAllBytes(bundle.resolve("model.onnx"));
        model[100] ^= 0x10;
        Files.write(bundle.resolve("model.onnx"), model);
        CliRun refused = run("classify", "--model", bundle.toString(), "--dataset", "hapt", "--limit", "5");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("error: model bundle").contains("model.onnx").contains("SHA-256");
    }

    @Test
    void theVocabularyCanBeDrawnFromSomeOfTheTrainingDatasets(@TempDir Path tmp) throws Exception {
        TrainConfig cfg = TrainConfig.builder().setTier("micro").setOutDir(tmp.resolve("run"))
                .optDatasets(List.of("hapt", "utd_mhad")).optEpochs(1).optSamplesPerEpoch(64).optBatchSize(16)
                .optQueueSize(0).optMaxSeconds(6).optThreads(2).optLabelEncoder(LabelEncoderKind.FROZEN)
                .optValidationFraction(0.01).build();
        Path checkpoint = new ContrastiveTrainer(cfg, DataRoot.resolve(), new PrintStream(new ByteArrayOutputStream(), true))
                .run().finalCheckpoint();

        // a zero-shot test set is not something the model trained on: refused before anything is built
        CliRun refused = run("export", "--checkpoint", checkpoint.toString(), "--out", tmp.resolve("no").toString(),
                "--vocabulary-datasets", "hapt,motionsense");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err().strip()).doesNotContain("\n").contains("--vocabulary-datasets: motionsense is not a"
                + " training dataset of").contains("(hapt, utd_mhad)");
        assertThat(tmp.resolve("no")).doesNotExist();

        Path bundle = tmp.resolve("bundle");
        CliRun export = run("export", "--checkpoint", checkpoint.toString(), "--out", bundle.toString(),
                "--vocabulary-datasets", "hapt", "--parity-windows", "8");
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.out()).contains("predictions differing: 0 closed-set, 0 open-set");
        JsonNode manifest = new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile());
        List<String> vocabulary = new ArrayList<>();
        manifest.get("labels").get("labels").forEach(l -> vocabulary.add(l.asText()));
        // hapt's 12 labels, none of utd_mhad's 27, although the model trained on both
        assertThat(vocabulary).hasSize(12).contains("walking", "stand_to_lie").doesNotContain("swipe_left", "jogging");
        assertThat(manifest.get("provenance").get("vocabulary").asText()).isEqualTo("labels of the training datasets [hapt]");

        CliRun open = run("classify", "--model", bundle.toString(), "--dataset", "utd_mhad", "--limit", "4", "--open-set",
                "--json", "--top", "1");
        assertThat(open.code()).as(open.err()).isZero();
        for (JsonNode w : new ObjectMapper().readTree(open.out()).get("windows")) {
            assertThat(vocabulary).contains(w.get("prediction").asText());
        }
    }
}
