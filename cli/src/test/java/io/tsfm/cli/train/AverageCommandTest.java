package io.tsfm.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsfm.cli.testing.CliRun;
import io.tsfm.datasets.DataRoot;
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
 * {@code tsfm average} on two checkpoints of a real micro run (hapt, two short epochs): it writes a run folder that
 * {@code tsfm pick} ranks beside the run, and a bad request gets one line.
 */
class AverageCommandTest {

    @Test
    void writesAValidatedRunThatPickRanksBesideItsInputs(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        TrainConfig cfg = TrainConfig.builder().setTier("micro").setOutDir(run).optDatasets(List.of("hapt"))
                .optEpochs(2).optSamplesPerEpoch(128).optBatchSize(16).optQueueSize(0).optCheckpointEvery(1)
                .optMaxSeconds(6).optThreads(1).build();
        new ContrastiveTrainer(cfg, DataRoot.resolve(), new PrintStream(OutputStream.nullOutputStream())).run();
        Path out = tmp.resolve("mean");

        CliRun avg = CliRun.run("average", "--out", out.toString(), "--threads", "1",
                Checkpoint.dir(run, 1).toString(), Checkpoint.dir(run, 2).toString());
        assertThat(avg.code()).as(avg.err()).isZero();
        Path mean = Checkpoint.dir(out, 2);
        assertThat(mean.resolve(Checkpoint.PARAMS)).isNotEmptyFile();
        JsonNode row = new ObjectMapper().readTree(Files.readAllLines(out.resolve("metrics.jsonl")).get(0));
        assertThat(row.get("epoch").asInt()).isEqualTo(2);
        assertThat(row.get("averaged_from")).hasSize(2);
        double score = (row.get("val_accuracy").asDouble() + row.get("val_rotated_accuracy").asDouble()) / 2;
        assertThat(avg.out()).contains(String.format(java.util.Locale.ROOT, "rule: %.1f  %s", 100 * score, mean));

        CliRun pick = CliRun.run("pick", run.toString(), out.toString());
        assertThat(pick.code()).as(pick.err()).isZero();
        assertThat(pick.out()).contains(mean.toString()).contains(run.resolve("checkpoints").toString());

        // a folder that already holds a run, and a path that is not a checkpoint: one line each, nothing written
        CliRun again = CliRun.run("average", "--out", out.toString(), Checkpoint.dir(run, 1).toString(),
                Checkpoint.dir(run, 2).toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err().lines().filter(l -> !l.isBlank()).toList()).singleElement().asString()
                .contains("--out " + out + " already holds a run");
        Path other = tmp.resolve("other");
        CliRun notCk = CliRun.run("average", "--out", other.toString(), Checkpoint.dir(run, 1).toString(),
                run.toString());
        assertThat(notCk.code()).isEqualTo(1);
        assertThat(notCk.err().lines().filter(l -> !l.isBlank()).toList()).singleElement().asString()
                .contains("not a checkpoint (no params.bin): " + run);
        assertThat(other).doesNotExist();
    }
}
