package io.tsfm.cli.benchmark;

import static io.tsfm.cli.testing.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsfm.cli.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tsfm baseline train} and {@code tsfm benchmark} in-process on the real UEA test sets. */
class BenchmarkCommandTest {

    @Test
    void trainsTheForestThenBenchmarksItIntoAReport(@TempDir Path dir) throws Exception {
        Path baselines = dir.resolve("baselines");
        CliRun train = run("baseline", "train", "rf", "--datasets", "basicmotions,racketsports", "--trees", "20",
                "--out", baselines.toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("basicmotions sup1: 4 labelled windows of 133", "racketsports sup10");

        Path report = dir.resolve("report");
        CliRun bench = run("benchmark", "--datasets", "basicmotions,racketsports", "--baselines", "rf",
                "--baseline-dir", baselines.toString(), "--report", report.toString());
        assertThat(bench.code()).as(bench.err()).isZero();
        assertThat(bench.err()).contains("benchmark [", "windows/s");
        JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        JsonNode rf = json.path("metrics").path("sup10").path("rows").get(0);
        assertThat(rf.path("system").asText()).isEqualTo("Random forest (features)");
        assertThat(rf.path("cells").path("basicmotions").path("windows").asInt()).isEqualTo(14);
        assertThat(rf.path("cells").path("basicmotions").path("accuracy").isNumber()).isTrue();
        assertThat(json.path("metrics").path("zs_open").path("rows").get(0).path("cells").path("racketsports")
                .path("note").asText()).startsWith("n/a");
        assertThat(json.path("deviations").toString()).contains("racketsports: its recordings carry no subject ids");
        String md = Files.readString(report.resolve("report.md"));
        assertThat(md).contains("| MOMENT *(published, not measured)* | – | – |");
    }

    @Test
    void trainsLimuBertBrieflyThenBenchmarksItAsOneRowWithZeroShotAndSupervisedCells(@TempDir Path dir)
            throws Exception {
        Path baselines = dir.resolve("baselines");
        CliRun train = run("baseline", "train", "limubert", "--datasets", "basicmotions", "--training-datasets",
                "utd_mhad", "--pretrain-seconds", "2", "--head-seconds", "2", "--finetune-epochs", "2", "--out",
                baselines.toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("training windows (20 Hz, 120x6) of utd_mhad", "pretrain epoch 1",
                "zero-shot head epoch 1", "basicmotions sup10 fine-tuned on 8 labelled windows");
        assertThat(baselines.resolve("limubert/training.png")).isNotEmptyFile();

        Path report = dir.resolve("report");
        CliRun bench = run("benchmark", "--datasets", "basicmotions", "--baselines", "limubert",
                "--baseline-training-datasets", "utd_mhad", "--baseline-dir", baselines.toString(), "--report",
                report.toString());
        assertThat(bench.code()).as(bench.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        for (String metric : new String[] {"zs_open", "zs_closed", "sup1", "sup10"}) {
            JsonNode rows = json.path("metrics").path(metric).path("rows");
            JsonNode row = null;
            for (JsonNode r : rows) if (r.path("system").asText().equals("LiMU-BERT")) row = r;
            assertThat(row).as(metric).isNotNull();
            assertThat(row.path("cells").path("basicmotions").path("accuracy").isNumber()).as(metric).isTrue();
        }
        assertThat(json.path("deviations").toString()).contains("LiMU-BERT training: pretrain:", "zero-shot head:");
    }

    @Test
    void badRequestsFailWithOneClearLine(@TempDir Path dir) {
        CliRun unknown = run("benchmark", "--datasets", "basicmotions,moonwalk", "--baselines", "rf",
                "--report", dir.toString());
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("error: unknown dataset 'moonwalk'");

        CliRun stream = run("benchmark", "--path", "stream", "--baselines", "rf", "--report", dir.toString());
        assertThat(stream.code()).isEqualTo(1);
        assertThat(stream.err()).contains("--path stream needs --model BUNDLE");
        CliRun path = run("benchmark", "--path", "kafka", "--baselines", "rf", "--report", dir.toString());
        assertThat(path.err()).contains("--path must be direct, stream or both, got 'kafka'");
        CliRun servers = run("benchmark", "--bootstrap-servers", "localhost:9092", "--baselines", "rf",
                "--report", dir.toString());
        assertThat(servers.err()).contains("--bootstrap-servers is for the stream path");
        CliRun badServers = run("benchmark", "--path", "both", "--bootstrap-servers", "localhost", "--baselines",
                "rf", "--report", dir.toString());
        assertThat(badServers.err()).contains("--bootstrap-servers must be HOST:PORT", "'localhost'");
        CliRun speed = run("benchmark", "--path", "stream", "--replay-speed", "-2", "--baselines", "rf",
                "--report", dir.toString());
        assertThat(speed.err()).contains("--replay-speed must be 0 (as fast as possible) or a positive", "-2.0");

        CliRun baseline = run("benchmark", "--baselines", "moment", "--report", dir.toString());
        assertThat(baseline.err()).contains("unknown baseline 'moment'");

        CliRun untrainedNeural = run("benchmark", "--datasets", "basicmotions", "--baselines", "limubert",
                "--baseline-training-datasets", "utd_mhad", "--baseline-dir", dir.resolve("none").toString(),
                "--report", dir.resolve("r").toString());
        assertThat(untrainedNeural.code()).isEqualTo(1);
        assertThat(untrainedNeural.err()).contains("no trained limubert zeroshot model of utd_mhad",
                "./tsfm baseline train limubert");

        CliRun untrained = run("benchmark", "--datasets", "basicmotions", "--baselines", "rf", "--baseline-dir",
                dir.resolve("none").toString(), "--report", dir.resolve("r").toString());
        assertThat(untrained.code()).isEqualTo(1);
        assertThat(untrained.err()).contains("no trained rf baseline for basicmotions sup1",
                "./tsfm baseline train rf --datasets basicmotions");
        assertThat(dir.resolve("r")).doesNotExist();

        CliRun trainUnknown = run("baseline", "train", "moment", "--out", dir.toString());
        assertThat(trainUnknown.err()).contains("unknown baseline 'moment'");
    }
}
