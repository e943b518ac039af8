package io.tsfm.core.serving;

import io.tsfm.core.annotation.PublicApi;
import io.tsfm.core.runtime.Classification;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.core.runtime.WindowClassifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Classifies a batch of windows: each device's windows are scored against the label set the caller picks for it
 * (picked once per device per batch), windows of one set go to the classifier in one call, and a call that throws or
 * returns the wrong number of results fails its whole group. The batching, the label sets' lifecycle, counting and
 * delivering are the caller's.
 *
 * <p>Does not own the classifier (the caller closes it). Not thread-safe beyond what the classifier allows.
 *
 * @param <W> the caller's window type
 */
@PublicApi
public final class ServingLoop<W extends ServedWindow> {
    private final WindowClassifier classifier;
    private final Function<? super W, SensorWindow> input;
    private final int topK;
    private final boolean allScores;

    private ServingLoop(Builder<W> b) {
        this.classifier = Objects.requireNonNull(b.classifier, "classifier");
        this.input = Objects.requireNonNull(b.input, "input");
        if (b.topK < 1) throw new IllegalArgumentException("topK must be >= 1, got " + b.topK);
        this.topK = b.topK;
        this.allScores = b.allScores;
    }

    public static <W extends ServedWindow> Builder<W> builder() {
        return new Builder<>();
    }

    /** The classifier's model id (its bundle's SHA-256). */
    public String modelId() {
        return classifier.modelId();
    }

    /**
     * Classifies {@code windows}, one classifier call per label set.
     *
     * @param labelSetFor the label set of a device's windows
     * @return the groups in the order their first window came, each with its windows' positions in {@code windows}
     */
    public List<Group<W>> classify(List<? extends W> windows, Function<String, LabelSetEntry> labelSetFor) {
        Map<String, LabelSetEntry> perDevice = new HashMap<>();
        Map<LabelSetEntry, List<Integer>> positions = new LinkedHashMap<>();
        for (int i = 0; i < windows.size(); i++) {
            LabelSetEntry set = perDevice.computeIfAbsent(windows.get(i).deviceId(), labelSetFor);
            positions.computeIfAbsent(set, s -> new ArrayList<>()).add(i);
        }
        List<Group<W>> out = new ArrayList<>(positions.size());
        positions.forEach((set, at) -> out.add(classify(set, windows, at)));
        return out;
    }

    private Group<W> classify(LabelSetEntry set, List<? extends W> all, List<Integer> at) {
        List<W> windows = new ArrayList<>(at.size());
        List<SensorWindow> inputs = new ArrayList<>(at.size());
        for (int p : at) {
            W w = all.get(p);
            windows.add(w);
            inputs.add(input.apply(w));
        }
        int k = allScores ? set.labels().length : Math.min(topK, set.labels().length);
        List<Classification> results;
        long t0 = System.nanoTime();
        try {
            results = classifier.classify(inputs, set.toLabelSet(), k);
            if (results.size() != inputs.size()) {
                throw new IllegalStateException("classifier returned " + results.size() + " results for "
                        + inputs.size() + " windows");
            }
        } catch (RuntimeException e) {
            return new Group<>(set, at, windows, null, e, 0, classifier.modelId());
        }
        long micros = (System.nanoTime() - t0) / 1000;
        return new Group<>(set, at, windows, results, null, micros, classifier.modelId());
    }

    /**
     * The windows of one label set and what the classifier made of them.
     *
     * @param labelSet        the set they were scored against
     * @param positions       where each window stands in the batch given to {@link #classify}
     * @param windows         the windows, in that order
     * @param results         one per window, same order; null when the call failed
     * @param failure         why the whole call failed; null when it did not
     * @param inferenceMicros duration of the classifier call (0 when it failed)
     * @param modelId         the classifier's model id
     */
    public record Group<W extends ServedWindow>(LabelSetEntry labelSet, List<Integer> positions, List<W> windows,
                                                List<Classification> results, RuntimeException failure,
                                                long inferenceMicros, String modelId) {
        /** Whether the classifier call succeeded (single windows may still have failed). */
        public boolean ok() {
            return failure == null;
        }

        public int size() {
            return windows.size();
        }

        /**
         * Window {@code i} as scored, for a window the classifier classified ({@code results().get(i).ok()}).
         *
         * @param processingMicros wall-clock time from the window's start of processing to its scores
         */
        public ScoredWindow scored(int i, long processingMicros) {
            Classification c = results.get(i);
            if (!c.ok()) throw new IllegalStateException("window " + windows.get(i).windowId() + " was not classified");
            W w = windows.get(i);
            String[] labels = new String[c.topK().size()];
            float[] scores = new float[labels.length];
            for (int j = 0; j < labels.length; j++) {
                labels[j] = c.topK().get(j).label();
                scores[j] = c.topK().get(j).score();
            }
            return new ScoredWindow(w.deviceId(), w.startMicros(), w.endMicros(), labels, scores, labelSet.id(),
                    labelSet.version(), modelId, processingMicros, w.newestFrameMicros());
        }
    }

    /** Builder: {@link #setClassifier}, {@link #setInput} and {@link #setTopK} are required. */
    public static final class Builder<W extends ServedWindow> {
        private WindowClassifier classifier;
        private Function<? super W, SensorWindow> input;
        private int topK;
        private boolean allScores;

        private Builder() {
        }

        /** The model. */
        public Builder<W> setClassifier(WindowClassifier classifier) {
            this.classifier = classifier;
            return this;
        }

        /** A window as the classifier's input. */
        public Builder<W> setInput(Function<? super W, SensorWindow> input) {
            this.input = input;
            return this;
        }

        /** Labels per window (>= 1; capped at the label set's size). */
        public Builder<W> setTopK(int topK) {
            this.topK = topK;
            return this;
        }

        /** Score every label of the set instead of the top k (for smoothing downstream). */
        public Builder<W> optAllScores(boolean allScores) {
            this.allScores = allScores;
            return this;
        }

        public ServingLoop<W> build() {
            return new ServingLoop<>(this);
        }
    }
}
