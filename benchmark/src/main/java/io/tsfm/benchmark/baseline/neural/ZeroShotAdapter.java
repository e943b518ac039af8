package io.tsfm.benchmark.baseline.neural;

import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.BenchmarkWindow;
import io.tsfm.benchmark.run.InferencePath;
import io.tsfm.benchmark.run.WindowPrediction;
import io.tsfm.core.labels.LabelVocabulary;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * A classifier over training labels as a zero-shot inference path (spec §6.6). Asked for its own training labels
 * (open-set) it answers the argmax over all of them, and the runner scores the answer by synonym group. Asked for
 * any other label list (closed-set) it masks the training labels outside the test labels' groups and answers the
 * test label of the winner's group ({@link ClosedSetMapping}); when no training label shares a group with a test
 * label, every window is reported as failed with that reason. A window with several votes (sub-windows) takes the
 * label with most votes, ties to the earliest training label. Owns and closes the scorer; not thread-safe.
 */
public final class ZeroShotAdapter implements InferencePath {
    private final TrainingLabelScorer scorer;
    private final LabelVocabulary vocabulary;
    private final int batchSize;

    /**
     * @param scorer     the zero-shot model (closed with this path)
     * @param vocabulary groups training and test labels
     * @param batchSize  windows per scorer call
     */
    public ZeroShotAdapter(TrainingLabelScorer scorer, LabelVocabulary vocabulary, int batchSize) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        this.batchSize = batchSize;
    }

    @Override
    public String name() {
        return "direct";
    }

    @Override
    public String modelId() {
        return scorer.modelId();
    }

    @Override
    public List<WindowPrediction> classify(BenchmarkDataset dataset, List<BenchmarkWindow> windows,
                                           io.tsfm.core.runtime.LabelSet labels, IntConsumer progress) {
        List<String> training = scorer.labels();
        boolean openSet = new HashSet<>(labels.labels()).equals(new HashSet<>(training));
        ClosedSetMapping mapping = openSet ? null : ClosedSetMapping.of(training, labels.labels(), vocabulary,
                dataset.labelGroups());
        List<WindowPrediction> out = new ArrayList<>(windows.size());
        for (int from = 0; from < windows.size(); from += batchSize) {
            List<BenchmarkWindow> batch = windows.subList(from, Math.min(windows.size(), from + batchSize));
            if (mapping != null && mapping.none()) {
                for (BenchmarkWindow w : batch) {
                    out.add(WindowPrediction.failed(w.key(), "no training label shares a synonym group with the "
                            + "labels " + labels.labels()));
                }
                progress.accept(batch.size());
                continue;
            }
            float[][][] inputs = new float[batch.size()][][];
            for (int i = 0; i < inputs.length; i++) inputs[i] = BaselineInput.of(batch.get(i));
            float[][][] scores = scorer.scores(inputs);
            for (int i = 0; i < batch.size(); i++) {
                int best = vote(scores[i], mapping);
                out.add(WindowPrediction.of(batch.get(i).key(), mapping == null ? training.get(best) : mapping.answer(best)));
            }
            progress.accept(batch.size());
        }
        return out;
    }

    /**
     * The winning training label of one window: each vote row's argmax over the allowed labels, then the label
     * with most votes, ties to the earliest label.
     *
     * @param mapping null for no masking
     */
    public static int vote(float[][] rows, ClosedSetMapping mapping) {
        int classes = rows[0].length;
        int[] votes = new int[classes];
        for (float[] row : rows) {
            int best = -1;
            for (int c = 0; c < classes; c++) {
                if (mapping != null && !mapping.allowed(c)) continue;
                if (best < 0 || row[c] > row[best]) best = c;
            }
            votes[best]++;
        }
        int winner = -1;
        for (int c = 0; c < classes; c++) if (votes[c] > 0 && (winner < 0 || votes[c] > votes[winner])) winner = c;
        return winner;
    }

    @Override
    public void close() {
        scorer.close();
    }
}
