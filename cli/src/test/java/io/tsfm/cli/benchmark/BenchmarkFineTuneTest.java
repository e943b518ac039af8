package io.tsfm.cli.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsfm.cli.testing.CliRun;
import io.tsfm.training.testing.FreshCheckpoint;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tsfm benchmark} fine-tunes the shipped bundle's shipped checkpoint for the 1 % / 10 % cells of the bundle's
 * own row, and refuses a checkpoint that is not the bundle's model (BasicMotions: 133 windows, seconds).
 */
class BenchmarkFineTuneTest {
    static final Path BUNDLE = Path.of("..", "models", "tsfm-micro").toAbsolutePath().normalize();
    @TempDir Path tmp;

    @Test
    void fineTunesTheSiblingCheckpointIntoTheBundlesRow() throws Exception {
        Path report = tmp.resolve("report");
        CliRun bench = CliRun.run("benchmark", "--model", BUNDLE.toString(), "--datasets",
                "basicmotions", "--report", report.toString());
        assertThat(bench.code()).as(bench.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        assertThat(json.path("model").path("fine-tune checkpoint").asText()).contains("tsfm-micro.checkpoint")
                .contains("match the bundle's");
        for (String metric : new String[] {"sup1", "sup10"}) {
            JsonNode row = json.path("metrics").path(metric).path("rows").get(0);
            assertThat(row.path("system").asText()).isEqualTo("TSFM micro");
            JsonNode cell = row.path("cells").path("basicmotions");
            assertThat(cell.path("scored").asInt()).as(cell.toString()).isEqualTo(14); // the §6.5 test part
            assertThat(cell.path("accuracy").isNumber()).isTrue();
            JsonNode history = new ObjectMapper().readTree(report.resolve("fine-tune/basicmotions-" + metric + ".json")
                    .toFile());
            int epochs = history.path("epochs").size();
            int best = history.path("best_epoch").asInt();
            // the default recipe: at most 60 epochs, stopped 15 epochs after the last improvement
            assertThat(epochs).isBetween(1, 60);
            assertThat(best).isBetween(1, epochs);
            if (history.path("stopped_early").asBoolean()) assertThat(epochs - best).isEqualTo(15);
            else assertThat(epochs).isEqualTo(60);
            assertThat(report.resolve("fine-tune/basicmotions-" + metric + ".png")).isNotEmptyFile();
        }
        // the zero-shot cells are in the same row
        assertThat(json.path("metrics").path("zs_closed").path("rows").get(0).path("cells").path("basicmotions")
                .path("accuracy").isNumber()).isTrue();
    }

    @Test
    void refusesACheckpointThatIsNotTheBundlesModel() throws Exception {
        Path shipped = BUNDLE.resolveSibling("tsfm-micro.checkpoint");
        Path other = FreshCheckpoint.write(shipped, tmp.resolve("other.checkpoint"));
        Path report = tmp.resolve("never");
        CliRun bad = CliRun.run("benchmark", "--model", BUNDLE.toString(), "--datasets", "basicmotions",
                "--checkpoint", other.toString(), "--report", report.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("is not the model of bundle").contains("other.checkpoint");
        assertThat(report).doesNotExist();
    }

    @Test
    void noFineTuneLeavesTheSupervisedCellsNotRun() throws Exception {
        Path report = tmp.resolve("report");
        CliRun bench = CliRun.run("benchmark", "--model", BUNDLE.toString(), "--datasets",
                "basicmotions", "--no-fine-tune", "--report", report.toString());
        assertThat(bench.code()).as(bench.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        JsonNode cell = json.path("metrics").path("sup1").path("rows").get(0).path("cells").path("basicmotions");
        assertThat(cell.path("note").asText()).startsWith("not run");
        assertThat(report.resolve("fine-tune")).doesNotExist();
    }

    @Test
    void severalLearningRatesAreChosenOnValidationAccuracy() throws Exception {
        Path report = tmp.resolve("report");
        CliRun bench = CliRun.run("benchmark", "--model", BUNDLE.toString(), "--datasets",
                "basicmotions", "--fine-tune-lr", "1e-5,1e-3", "--report", report.toString());
        assertThat(bench.code()).as(bench.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        JsonNode chosen = json.readTree(report.resolve("fine-tune/chosen-learning-rates.json").toFile());
        for (String metric : new String[] {"sup1", "sup10"}) {
            String tag = "basicmotions-" + metric;
            double low = json.readTree(report.resolve("fine-tune/" + tag + "-lr1.0E-5.json").toFile())
                    .path("best_validation_accuracy").asDouble();
            double high = json.readTree(report.resolve("fine-tune/" + tag + "-lr0.001.json").toFile())
                    .path("best_validation_accuracy").asDouble();
            // the higher validation accuracy wins; a tie keeps the first listed rate
            assertThat(chosen.path(tag).asDouble()).as(tag).isEqualTo(high > low ? 1e-3 : 1e-5);
            // selection.json records what was chosen on validation and how each run scored there
            JsonNode selection = json.readTree(report.resolve("fine-tune/selection.json").toFile()).path(tag);
            assertThat(selection.path("validation_accuracy_by_rate").path("1.0E-5").asDouble()).isEqualTo(low);
            assertThat(selection.path("validation_accuracy_by_rate").path("0.001").asDouble()).isEqualTo(high);
            assertThat(selection.path("chosen_rate").asDouble()).isEqualTo(chosen.path(tag).asDouble());
            // one seed: the chosen run alone predicts, and the "mean" is that run
            assertThat(selection.path("validation_accuracy_by_seed").size()).isEqualTo(1);
            assertThat(selection.path("validation_accuracy_by_seed").path("42").asDouble()).isEqualTo(Math.max(low, high));
            assertThat(selection.path("ensemble_validation_accuracy").asDouble()).isEqualTo(Math.max(low, high));
            assertThat(selection.path("validation_windows").asInt()).isEqualTo(13);
        }
        JsonNode report1 = json.readTree(report.resolve("report.json").toFile());
        assertThat(report1.toString()).contains("chose its AdamW learning rate per dataset and rate among [1.0E-5, 0.001]");
    }

    @Test
    void moreSeedsAtTheChosenRatePredictTogetherAndAreRecorded() throws Exception {
        Path report = tmp.resolve("report");
        CliRun bench = CliRun.run("benchmark", "--model", BUNDLE.toString(), "--datasets", "basicmotions",
                "--fine-tune-lr", "1e-5,1e-3", "--fine-tune-seeds", "2", "--fine-tune-label-smoothing", "0.1",
                "--report", report.toString());
        assertThat(bench.code()).as(bench.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        JsonNode chosen = json.readTree(report.resolve("fine-tune/chosen-learning-rates.json").toFile());
        JsonNode all = json.readTree(report.resolve("fine-tune/selection.json").toFile());
        for (String metric : new String[] {"sup1", "sup10"}) {
            String tag = "basicmotions-" + metric;
            JsonNode selection = all.path(tag);
            double rate = chosen.path(tag).asDouble();
            JsonNode bySeed = selection.path("validation_accuracy_by_seed");
            assertThat(bySeed.size()).as(selection.toString()).isEqualTo(2);
            // seed 42 is the run that won the rate; seed 43 is a second run at that rate, with its own history
            assertThat(bySeed.path("42").asDouble()).isEqualTo(
                    selection.path("validation_accuracy_by_rate").path(String.valueOf(rate)).asDouble());
            JsonNode second = json.readTree(report.resolve("fine-tune/" + tag + "-lr" + rate + "-seed43.json").toFile());
            assertThat(second.path("best_validation_accuracy").asDouble()).isEqualTo(bySeed.path("43").asDouble());
            assertThat(second.path("settings").path("seed").asLong()).isEqualTo(43);
            assertThat(second.path("settings").path("learning_rate").asDouble()).isEqualTo(rate);
            assertThat(second.path("settings").path("label_smoothing").asDouble()).isEqualTo(0.1);
            assertThat(selection.path("ensemble_validation_accuracy").asDouble()).isBetween(0.0, 1.0);
        }
        assertThat(bench.err()).contains("the mean of 2 seeds at lr");
        assertThat(json.readTree(report.resolve("report.json").toFile()).toString()).contains("--fine-tune-seeds 2")
                .contains("smoothed by 0.1 (--fine-tune-label-smoothing)");
    }

    @Test
    void refusesBadSeedCountsOnOneLine() throws Exception {
        CliRun bad = CliRun.run("benchmark", "--model", BUNDLE.toString(), "--datasets", "basicmotions",
                "--fine-tune-seeds", "0", "--report", tmp.resolve("never").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--fine-tune-seeds must be >= 1, got 0").doesNotContain("\tat ");
        assertThat(tmp.resolve("never")).doesNotExist();
    }
}
