package io.tsfm.benchmark.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The facts of one test dataset in a run.
 *
 * @param name        dataset name
 * @param windows     evaluation windows
 * @param subjects    subjects (devices)
 * @param rateHz      native sampling rate
 * @param labels      its labels, sorted
 * @param labelCounts windows per label
 * @param uncovered   labels whose synonym group no training label of the model shares (open-set can never get them)
 * @param split       sizes of the §6.5 parts: train, validation, test, 1 % subsample, 10 % subsample
 * @param labelGroups the group open-set scored each label by (the vocabulary extended by the dataset's own groups)
 */
public record TestSetSummary(String name, int windows, int subjects, double rateHz, List<String> labels,
                             Map<String, Integer> labelCounts, List<String> uncovered, Map<String, Integer> split,
                             Map<String, String> labelGroups) {
    public TestSetSummary {
        labels = List.copyOf(labels);
        labelCounts = Map.copyOf(labelCounts);
        uncovered = List.copyOf(uncovered);
        split = Map.copyOf(split);
        labelGroups = Collections.unmodifiableMap(new TreeMap<>(labelGroups));
    }

    /** A summary without the label grouping (each label shown as its own group). */
    public TestSetSummary(String name, int windows, int subjects, double rateHz, List<String> labels,
                          Map<String, Integer> labelCounts, List<String> uncovered, Map<String, Integer> split) {
        this(name, windows, subjects, rateHz, labels, labelCounts, uncovered, split, Map.of());
    }

    /** The windows of each uncovered label, in {@link #uncovered()} order: open-set can never get these right. */
    public Map<String, Integer> uncoveredWindows() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String l : uncovered) out.put(l, labelCounts.getOrDefault(l, 0));
        return out;
    }
}
