package io.tsfm.training.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsfm.datasets.DataRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end on the real training datasets, kept short: two tiny epochs of the micro tier, then a resume. */
class ContrastiveTrainerTest {
    private static final DataRoot ROOT = DataRoot.resolve();

    private static TrainConfig.Builder small(Path out) {
        return TrainConfig.builder().setTier("micro").setOutDir(out).optDatasets(List.of("hapt", "hmp"))
                .optEpochs(2).optSamplesPerEpoch(256).optBatchSize(16).optQueueSize(64).optCheckpointEvery(1)
                .optMaxSeconds(6).optThreads(2);
    }

    @Test
    void trainsWritesEverythingAndResumes(@TempDir Path out) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ContrastiveTrainer.Result r = new ContrastiveTrainer(small(out).build(), ROOT, new PrintStream(log, true)).run();
        assertThat(r.epochs()).isEqualTo(2);
        assertThat(r.firstLoss()).isFinite();
        assertThat(r.valAccuracy()).isBetween(0.0, 1.0);

        List<String> lines = Files.readAllLines(out.resolve("metrics.jsonl"));
        assertThat(lines).hasSize(2);
        JsonNode last = new ObjectMapper().readTree(lines.get(1));
        assertThat(last.get("val_per_dataset").has("hapt")).isTrue();
        assertThat(last.get("val_per_dataset").has("hmp")).isTrue();
        assertThat(out.resolve("curves.png")).isNotEmptyFile();
        assertThat(out.resolve("embeddings-epoch-0002.png")).isNotEmptyFile();
        Path ck = out.resolve("checkpoints/epoch-0001");
        for (String f : List.of("params.bin", "config.json", "provenance.json", "optimizer.bin", "memory_bank.bin", "state.json")) {
            assertThat(ck.resolve(f)).as(f).isNotEmptyFile();
        }
        JsonNode prov = new ObjectMapper().readTree(ck.resolve("provenance.json").toFile());
        assertThat(prov.get("datasets").get("hapt").asInt()).isEqualTo(1214);
        assertThat(prov.get("label_vocabulary_sha256").asText()).hasSize(64);
        assertThat(prov.get("seed").asLong()).isEqualTo(42);
        assertThat(prov.get("held_out_subjects").get("hapt").size()).isGreaterThan(0);
        assertThat(out.resolve("final/params.bin")).isNotEmptyFile();

        // the same seed repeats the run: data, augmentations, initial weights and dropout masks
        Path again = out.resolve("again");
        new ContrastiveTrainer(small(again).optEpochs(1).build(), ROOT, new PrintStream(log, true)).run();
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        JsonNode repeated = new ObjectMapper().readTree(Files.readAllLines(again.resolve("metrics.jsonl")).get(0));
        assertThat(repeated.get("train_loss").asDouble()).isEqualTo(first.get("train_loss").asDouble());
        assertThat(Files.readAllBytes(again.resolve("checkpoints/epoch-0001/params.bin")))
                .isEqualTo(Files.readAllBytes(ck.resolve("params.bin")));

        // resume after epoch 1 and run to 2 epochs: picks up the counters and finishes one more epoch
        Path out2 = out.resolve("resumed");
        ContrastiveTrainer.Result resumed = new ContrastiveTrainer(small(out2).optResume(ck).build(), ROOT, new PrintStream(log, true)).run();
        assertThat(resumed.epochs()).isEqualTo(1);
        assertThat(log.toString()).contains("resumed from").contains("after epoch 1");
        JsonNode state = new ObjectMapper().readTree(out2.resolve("final/state.json").toFile());
        assertThat(state.get("epochs_done").asInt()).isEqualTo(2);
    }

    @Test
    void refusesBadRequestsBeforeAnyWork(@TempDir Path out) {
        assertThatThrownBy(() -> small(out).optDatasets(List.of()).build()).hasMessageContaining("no training datasets");
        assertThatThrownBy(() -> new ContrastiveTrainer(small(out).setTier("huge").build(), ROOT, System.err).run())
                .hasMessageContaining("unknown model tier 'huge'");
        assertThatThrownBy(() -> new ContrastiveTrainer(small(out).optDatasets(List.of("mobifall_v2")).build(), ROOT, System.err).run())
                .hasMessageContaining("zero-shot test set");
        // MotionSense is a default benchmark test set: training never reads it either
        assertThatThrownBy(() -> new ContrastiveTrainer(small(out).optDatasets(List.of("motionsense")).build(), ROOT,
                System.err).run()).hasMessageContaining("'motionsense' is a zero-shot test set");
        assertThatThrownBy(() -> new ContrastiveTrainer(small(out).optDatasets(List.of("nope")).build(), ROOT, System.err).run())
                .hasMessageContaining("unknown dataset 'nope'");
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void refusesACheckpointOfAnotherConfiguration(@TempDir Path dir) throws Exception {
        Path fake = dir.resolve("ck");
        Files.createDirectories(fake);
        Files.writeString(fake.resolve("config.json"), io.tsfm.training.model.config.TsfmConfig.tiny().toJson());
        assertThatThrownBy(() -> new ContrastiveTrainer(small(dir.resolve("out")).optResume(fake).build(), ROOT, System.err).run())
                .hasMessageContaining("another model configuration");
    }
}
