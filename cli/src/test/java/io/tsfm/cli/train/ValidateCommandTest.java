package io.tsfm.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsfm.cli.testing.CliRun;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.training.data.SubjectSplit;
import io.tsfm.training.run.Checkpoint;
import io.tsfm.training.run.ContrastiveTrainer;
import io.tsfm.training.run.TrainConfig;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tsfm validate} on a checkpoint of a real micro run on UTD-MHAD (wrist gestures and right-thigh leg actions):
 * it reproduces what the run logged, and {@code --thigh} validates the held-out leg actions alone.
 */
class ValidateCommandTest {

    /** One short micro epoch on {@code dataset}, checkpointed as epoch 1 under {@code run}. */
    static TrainConfig microRun(Path run, String dataset, int samples) throws Exception {
        TrainConfig cfg = TrainConfig.builder().setTier("micro").setOutDir(run).optDatasets(List.of(dataset))
                .optEpochs(1).optSamplesPerEpoch(samples).optBatchSize(16).optQueueSize(0).optCheckpointEvery(1)
                .optMaxSeconds(6).optThreads(1).build();
        new ContrastiveTrainer(cfg, DataRoot.resolve(), new PrintStream(OutputStream.nullOutputStream())).run();
        return cfg;
    }

    @Test
    void reproducesTheRunsValidationAndAddsTheThighSessions(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        TrainConfig cfg = microRun(run, "utd_mhad", 64);
        Path ck = Checkpoint.dir(run, 1);
        Path json = tmp.resolve("figures.jsonl");

        CliRun v = CliRun.run("validate", "--thigh", "--threads", "1", "--json", json.toString(), ck.toString());
        assertThat(v.code()).as(v.err()).isZero();
        ObjectMapper mapper = new ObjectMapper();
        JsonNode logged = mapper.readTree(Files.readAllLines(run.resolve("metrics.jsonl")).get(0));
        JsonNode row = mapper.readTree(Files.readAllLines(json).get(0));
        assertThat(row.get("checkpoint").asText()).isEqualTo(ck.toString());
        assertThat(row.get("val_accuracy").asDouble()).isEqualTo(logged.get("val_accuracy").asDouble());
        assertThat(row.get("val_rotated_accuracy").asDouble()).isEqualTo(logged.get("val_rotated_accuracy").asDouble());

        // the thigh sessions are the held-out leg actions, counted here from the data and the run's split
        DataRoot root = DataRoot.resolve();
        List<Session> sessions = DatasetCatalog.load(root).read("utd_mhad", root).sessions();
        long thigh = SubjectSplit.of(sessions, cfg.validationFraction(), cfg.seed()).validation().stream()
                .filter(s -> s.channels().stream().allMatch(c -> c.position().equals("right thigh"))).count();
        assertThat(thigh).isPositive();
        assertThat(row.get("val_thigh_sessions").asLong()).isEqualTo(thigh);
        assertThat(row.get("val_thigh_per_dataset").fieldNames()).toIterable().containsExactly("utd_mhad");
        double plain = row.get("val_thigh_accuracy").asDouble();
        double rotated = row.get("val_thigh_rotated_accuracy").asDouble();
        double rule = (logged.get("val_accuracy").asDouble() + logged.get("val_rotated_accuracy").asDouble()) / 2;
        assertThat(v.out()).contains(String.format(java.util.Locale.ROOT, "rule %.1f  %s", 100 * rule, ck))
                .contains(String.format(java.util.Locale.ROOT, "thigh %.1f (as recorded %.1f %%, rotated %.1f %%; %d "
                        + "sessions)", 100 * (plain + rotated) / 2, 100 * plain, 100 * rotated, thigh));
    }

    @Test
    void aCheckpointWithoutThighDataAndAPathThatIsNoCheckpointGetOneLine(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        microRun(run, "hapt", 32);

        CliRun noThigh = CliRun.run("validate", "--thigh", "--threads", "1", Checkpoint.dir(run, 1).toString());
        assertThat(noThigh.code()).isEqualTo(1);
        assertThat(noThigh.err().lines().filter(l -> !l.isBlank()).toList()).singleElement().asString()
                .contains("none of its held-out sessions has a thigh sensor (hapt)");
        CliRun notCk = CliRun.run("validate", run.toString());
        assertThat(notCk.code()).isEqualTo(1);
        assertThat(notCk.err().lines().filter(l -> !l.isBlank()).toList()).singleElement().asString()
                .contains("not a checkpoint (no params.bin): " + run);
    }
}
