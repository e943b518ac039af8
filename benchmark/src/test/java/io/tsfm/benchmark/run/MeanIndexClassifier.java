package io.tsfm.benchmark.run;

import io.tsfm.core.runtime.Classification;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.core.runtime.WindowClassifier;
import io.tsfm.datasets.eval.MajorityVote;
import java.util.ArrayList;
import java.util.List;

/**
 * A small deterministic {@link WindowClassifier} for tests until the ONNX classifier is available: a window's label
 * is the candidate whose index is the mean of channel 0 (floored, clamped to the set). In patch-vote mode every
 * {@code patchSeconds} patch votes that way and {@link MajorityVote} decides (ties to the earliest candidate), the
 * reference's per-patch rule. A window holding a NaN comes back as an error result. Thread-safe.
 */
final class MeanIndexClassifier implements WindowClassifier {
    private final boolean patchVote;
    private final double patchSeconds;
    int calls;

    MeanIndexClassifier(boolean patchVote, double patchSeconds) {
        this.patchVote = patchVote;
        this.patchSeconds = patchSeconds;
    }

    static int indexOf(float[] x, int from, int to, int candidates) {
        double s = 0;
        for (int t = from; t < to; t++) s += x[t];
        int i = (int) Math.floor(s / (to - from));
        return Math.max(0, Math.min(candidates - 1, i));
    }

    @Override
    public String modelId() {
        return patchVote ? "test-mean-index-vote" : "test-mean-index";
    }

    @Override
    public synchronized List<Classification> classify(List<SensorWindow> windows, LabelSet labels, int k) {
        calls++;
        List<Classification> out = new ArrayList<>();
        int n = labels.labels().size();
        for (SensorWindow w : windows) {
            float[] x = w.samples()[0];
            boolean bad = false;
            for (float v : x) bad |= Float.isNaN(v);
            if (bad) {
                out.add(new Classification(w.id(), List.of(), "NaN in channel 0"));
                continue;
            }
            int best;
            if (patchVote) {
                int p = (int) Math.round(w.rateHz() * patchSeconds);
                int patches = x.length / p;
                int[] votes = new int[patches];
                for (int i = 0; i < patches; i++) votes[i] = indexOf(x, i * p, (i + 1) * p, n);
                best = MajorityVote.vote(votes, n);
            } else {
                best = indexOf(x, 0, x.length, n);
            }
            out.add(new Classification(w.id(), List.of(new Classification.ScoredLabel(labels.labels().get(best), 1f)),
                    null));
        }
        return out;
    }

    @Override
    public void close() {
    }
}
