package io.tsfm.benchmark.run;

import io.tsfm.benchmark.protocol.BenchmarkWindow;
import io.tsfm.benchmark.protocol.WindowKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Windows joined to an inference path's answers by {@link WindowKey}. Every window ends in exactly one of: scored
 * (with its predicted label), missing (no answer), failed (the model's error). Answers for windows that were not
 * asked for, and windows answered twice with different labels, are kept for the report; they are never scored.
 *
 * @param scored      windows with a prediction, in window order
 * @param predicted   the predicted label of each scored window
 * @param missing     windows without an answer, in window order
 * @param failed      windows the model could not classify, with the error
 * @param unexpected  answered keys that were not asked for
 * @param conflicting windows answered more than once with different answers (their first answer is in
 *                    {@code scored}/{@code failed}; callers decide whether to trust it)
 */
public record PredictionJoin(List<BenchmarkWindow> scored, List<String> predicted, List<WindowKey> missing,
                             Map<WindowKey, String> failed, List<WindowKey> unexpected,
                             List<WindowKey> conflicting) {

    /** Joins {@code answers} to {@code windows}. */
    public static PredictionJoin of(List<BenchmarkWindow> windows, List<WindowPrediction> answers) {
        Map<WindowKey, WindowPrediction> byKey = new HashMap<>();
        TreeSet<WindowKey> conflicting = new TreeSet<>();
        for (WindowPrediction p : answers) {
            WindowPrediction prev = byKey.putIfAbsent(p.key(), p);
            if (prev != null && !prev.equals(p)) conflicting.add(p.key());
        }
        List<BenchmarkWindow> scored = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        List<WindowKey> missing = new ArrayList<>();
        Map<WindowKey, String> failed = new LinkedHashMap<>();
        TreeSet<WindowKey> asked = new TreeSet<>();
        for (BenchmarkWindow w : windows) {
            asked.add(w.key());
            WindowPrediction p = byKey.get(w.key());
            if (p == null) {
                missing.add(w.key());
            } else if (!p.ok()) {
                failed.put(w.key(), p.error());
            } else {
                scored.add(w);
                predicted.add(p.label());
            }
        }
        List<WindowKey> unexpected = new ArrayList<>();
        for (WindowKey k : new TreeSet<>(byKey.keySet())) if (!asked.contains(k)) unexpected.add(k);
        return new PredictionJoin(List.copyOf(scored), List.copyOf(predicted), List.copyOf(missing),
                java.util.Collections.unmodifiableMap(failed), unexpected, List.copyOf(conflicting));
    }

    /** True labels of the scored windows, in order. */
    public List<String> truth() {
        List<String> out = new ArrayList<>(scored.size());
        for (BenchmarkWindow w : scored) out.add(w.label());
        return out;
    }
}
