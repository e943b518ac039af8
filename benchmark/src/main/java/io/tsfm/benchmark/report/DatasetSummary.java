package io.tsfm.benchmark.report;

import java.util.List;
import java.util.Map;

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
 */
public record DatasetSummary(String name, int windows, int subjects, double rateHz, List<String> labels,
                             Map<String, Integer> labelCounts, List<String> uncovered, Map<String, Integer> split) {
    public DatasetSummary {
        labels = List.copyOf(labels);
        labelCounts = Map.copyOf(labelCounts);
        uncovered = List.copyOf(uncovered);
        split = Map.copyOf(split);
    }
}
