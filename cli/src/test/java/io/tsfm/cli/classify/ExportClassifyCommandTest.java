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
}
