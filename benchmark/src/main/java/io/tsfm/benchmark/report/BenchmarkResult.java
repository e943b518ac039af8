package io.tsfm.benchmark.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a benchmark run produced, the input of {@link ReportWriter}.
 *
 * @param settings    the run's settings (name → value, in display order)
 * @param model       the model's provenance (name → value, in display order)
 * @param datasets    the test datasets
 * @param rows        measured and published rows
 * @param deviations  every way the run departs from the reference protocol
 * @param timings     per inference pass
 * @param wallSeconds wall time of the whole run
 */
public record BenchmarkResult(Map<String, String> settings, Map<String, String> model, List<TestSetSummary> datasets,
                              List<SystemRow> rows, List<String> deviations, List<PassTiming> timings,
                              double wallSeconds) {
    public BenchmarkResult {
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        model = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(model));
        datasets = List.copyOf(datasets);
        rows = List.copyOf(rows);
        deviations = List.copyOf(deviations);
        timings = List.copyOf(timings);
    }

    /** Dataset names in run order. */
    public List<String> datasetNames() {
        return datasets.stream().map(TestSetSummary::name).toList();
    }
}
