package io.tsfm.training.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rule that chooses a checkpoint: the mean of zero-shot validation accuracy on the held-out subjects and on the
 * same sessions turned as rotated devices would record them, read from each run's {@code metrics.jsonl}, over the
 * checkpoints still on disk. Fixed before the first run, so every candidate is chosen the same way and no test set
 * is read.
 *
 * <p>With a set of datasets the rule is taken over those only, from the per-dataset rows, so a run that adds a
 * training source (simulated data) is judged on the same validation as one without it. Stateless; thread-safe.
 */
public final class CheckpointRule {
    private CheckpointRule() {}

    /** One scored checkpoint: its directory, epoch and the two validation accuracies the score averages. */
    public record Candidate(Path checkpoint, int epoch, double score, double valAccuracy, double rotatedAccuracy) {}

    /**
     * A checkpoint's validation on the thigh sensors of its held-out subjects alone ({@link
     * CheckpointValidation#runWithThigh}): as recorded, as rotated devices, and their mean, the thigh figure.
     */
    public record Thigh(double asRecorded, double rotated, int sessions) {
        /** The mean of the two accuracies. */
        public double score() {
            return (asRecorded + rotated) / 2;
        }
    }

    /** The best checkpoint of each run (runs without a scored checkpoint are left out), best first. */
    public static List<Candidate> bestPerRun(List<Path> runs, Set<String> datasets) throws IOException {
        List<Candidate> best = new ArrayList<>();
        for (Path run : runs) best(run, datasets).ifPresent(best::add);
        best.sort(Comparator.comparingDouble(Candidate::score).reversed());
        return best;
    }

    /** The best checkpoint on disk of one run, by the rule over {@code datasets} (empty: the logged means). */
    public static Optional<Candidate> best(Path run, Set<String> datasets) throws IOException {
        Path metrics = run.resolve("metrics.jsonl");
        if (!Files.isRegularFile(metrics)) throw new IllegalArgumentException(run + ": no metrics.jsonl (not a training run's --out)");
        Candidate top = null;
        List<String> lines = Files.readAllLines(metrics);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            String where = metrics + ", line " + (i + 1);
            JsonNode row;
            try {
                row = Checkpoint.JSON.readTree(lines.get(i));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException(where + ": not a JSON object (" + e.getOriginalMessage() + ")");
            }
            if (!row.has("val_accuracy") || !row.has("epoch")) continue; // a run without validation scores nothing
            Path ck = Checkpoint.dir(run, row.get("epoch").asInt());
            if (!Files.isDirectory(ck)) continue;
            Candidate c = score(row, ck, datasets, where);
            if (top == null || c.score() > top.score()) top = c;
        }
        return Optional.ofNullable(top);
    }

    /**
     * Scores one validation row (a line of {@code metrics.jsonl}, or {@link CheckpointValidation}'s figures) of
     * {@code checkpoint} by the rule over {@code datasets} (empty: the row's means).
     *
     * @param where names the row in errors (file and line)
     * @throws IllegalArgumentException naming {@code where} and the field when the row lacks one
     */
    public static Candidate score(JsonNode row, Path checkpoint, Set<String> datasets, String where) {
        double val = datasets.isEmpty() ? number(row, "val_accuracy", where) : mean(row, "val_per_dataset", datasets, where);
        double rot = datasets.isEmpty() ? number(row, "val_rotated_accuracy", where)
                : mean(row, "val_rotated_per_dataset", datasets, where);
        return new Candidate(checkpoint, (int) number(row, "epoch", where), (val + rot) / 2, val, rot);
    }

    /**
     * The thigh figures of one validation row, over those of {@code datasets} that have thigh sessions (empty: the
     * row's means).
     *
     * @throws IllegalArgumentException naming {@code where} when the row has no thigh figures, or none of
     *                                  {@code datasets} has thigh sessions
     */
    public static Thigh thigh(JsonNode row, Set<String> datasets, String where) {
        double plain = datasets.isEmpty() ? number(row, "val_thigh_accuracy", where)
                : meanOfPresent(row, "val_thigh_per_dataset", datasets, where);
        double rotated = datasets.isEmpty() ? number(row, "val_thigh_rotated_accuracy", where)
                : meanOfPresent(row, "val_thigh_rotated_per_dataset", datasets, where);
        return new Thigh(plain, rotated, (int) number(row, "val_thigh_sessions", where));
    }

    private static double number(JsonNode row, String field, String where) {
        JsonNode n = row.get(field);
        if (n == null || !n.isNumber()) throw new IllegalArgumentException(where + ": field " + field + " is missing or not a number");
        return n.asDouble();
    }

    private static double mean(JsonNode row, String field, Set<String> datasets, String where) {
        JsonNode per = row.get(field);
        if (per == null) {
            throw new IllegalArgumentException(where + ": no " + field + " (logged by runs since 2026-12-07); "
                    + "the rule over chosen datasets needs it, or leave out --datasets");
        }
        double sum = 0;
        for (String d : datasets) {
            JsonNode n = per.path(d).get("accuracy");
            if (n == null || !n.isNumber()) throw new IllegalArgumentException(where + ": " + field + " has no accuracy for dataset '" + d + "'");
            sum += n.asDouble();
        }
        return sum / datasets.size();
    }

    /** Like {@link #mean}, over the datasets that have a row (a dataset without thigh sessions has none). */
    private static double meanOfPresent(JsonNode row, String field, Set<String> datasets, String where) {
        JsonNode per = row.get(field);
        if (per == null) throw new IllegalArgumentException(where + ": no " + field);
        double sum = 0;
        int n = 0;
        for (String d : datasets) {
            JsonNode acc = per.path(d).get("accuracy");
            if (acc == null || !acc.isNumber()) continue;
            sum += acc.asDouble();
            n++;
        }
        if (n == 0) {
            throw new IllegalArgumentException(where + ": none of " + String.join(",", new TreeSet<>(datasets))
                    + " has held-out sessions with a thigh sensor");
        }
        return sum / n;
    }
}
