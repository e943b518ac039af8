package io.tsfm.benchmark.metrics;

import io.tsfm.benchmark.protocol.WindowKey;
import io.tsfm.datasets.eval.ClassificationMetrics;
import java.util.List;
import java.util.Map;

/**
 * One measured cell of the report: a system's metric on a dataset.
 *
 * @param metrics    accuracy, F1s, per-class recall and confusion over the scored windows; null when no window
 *                   was scored
 * @param windows    windows the metric should cover (all windows, or the test split)
 * @param missing    windows the inference path returned no prediction for: listed, not scored
 * @param failed     windows the model could not classify (or answered outside the label set), with why: listed,
 *                   not scored
 * @param unexpected answers for windows that were not asked for: listed, not scored
 */
public record Score(ClassificationMetrics metrics, int windows, List<WindowKey> missing,
                    Map<WindowKey, String> failed, List<WindowKey> unexpected) {
    public Score {
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
        failed = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(failed));
    }

    /** Windows scored. */
    public int scored() {
        return windows - missing.size() - failed.size();
    }

    /** Whether every window the metric should cover was scored. */
    public boolean complete() {
        return missing.isEmpty() && failed.isEmpty();
    }
}
