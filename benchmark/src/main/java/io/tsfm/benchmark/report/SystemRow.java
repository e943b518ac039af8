package io.tsfm.benchmark.report;

import io.tsfm.benchmark.metrics.MetricKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One system's row across every metric table of the report.
 *
 * @param name  row name
 * @param kind  measured here or copied from the reference's publication
 * @param about one line on the system (what it is; for published rows, the source)
 * @param cells metric → dataset → cell (every dataset of the run has a cell)
 */
public record SystemRow(String name, Kind kind, String about, Map<MetricKind, Map<String, CellValue>> cells) {

    /** Where a row's numbers come from. */
    public enum Kind {
        /** Measured by this run. */
        MEASURED,
        /** The reference's published numbers: not measured here. */
        PUBLISHED
    }

    public SystemRow {
        Map<MetricKind, Map<String, CellValue>> copy = new EnumMap<>(MetricKind.class);
        for (Map.Entry<MetricKind, Map<String, CellValue>> e : cells.entrySet()) {
            copy.put(e.getKey(), Collections.unmodifiableMap(new LinkedHashMap<>(e.getValue())));
        }
        cells = Collections.unmodifiableMap(copy);
    }

    /** The cell of {@code metric} on {@code dataset}, or "not available" when the row has none. */
    public CellValue cell(MetricKind metric, String dataset) {
        Map<String, CellValue> m = cells.get(metric);
        CellValue c = m == null ? null : m.get(dataset);
        return c != null ? c : CellValue.notAvailable("n/a");
    }
}
