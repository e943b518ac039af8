package io.tsfm.training.finetune;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tsfm.datasets.plot.CurvePlot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a fine-tuning run produced: the test predictions of the restored best state and the per-epoch history.
 * Immutable.
 *
 * @param history      every epoch run, in order
 * @param bestEpoch    the epoch whose state was restored (1-based)
 * @param stoppedEarly whether patience ended the run before the epoch limit
 * @param seconds      wall time of loading, training and predicting
 * @param settings     the recipe's settings, for the record
 * @param validation   the restored state's class probabilities of the validation windows, in order
 * @param test         the restored state's class probabilities of the test windows, in order
 */
public record FineTuneResult(List<EpochRecord> history, int bestEpoch, boolean stoppedEarly, double seconds,
                             Map<String, Object> settings, ClassProbabilities validation, ClassProbabilities test) {
    public FineTuneResult {
        history = List.copyOf(history);
        settings = Map.copyOf(settings);
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
    }

    /** The predicted label of each test window, in order: the most probable one of {@link #test()}. */
    public List<String> predictions() {
        return test.predictions();
    }

    /** The best validation accuracy (that of {@link #bestEpoch()}). */
    public double bestValidationAccuracy() {
        return history.get(bestEpoch - 1).validationAccuracy();
    }

    /** Writes the history as JSON (settings, epochs, best epoch, time). */
    public void writeJson(Path file) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("settings", new java.util.TreeMap<>(settings));
        m.put("best_epoch", bestEpoch);
        m.put("best_validation_accuracy", bestValidationAccuracy());
        m.put("stopped_early", stoppedEarly);
        m.put("seconds", seconds);
        m.put("epochs", history);
        Files.createDirectories(file.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), m);
    }

    /** Writes the training curve (train loss, validation accuracy, the restored epoch marked) as a PNG. */
    public void writeCurve(Path png, String title) throws IOException {
        CurvePlot plot = new CurvePlot(title, "epoch");
        for (EpochRecord e : history) {
            plot.add("train loss", "cross-entropy", e.epoch(), e.trainLoss());
            plot.add("validation accuracy", "accuracy", e.epoch(), e.validationAccuracy());
        }
        plot.add("validation accuracy", "restored best", bestEpoch, bestValidationAccuracy());
        Files.createDirectories(png.toAbsolutePath().getParent());
        plot.write(png);
    }
}
