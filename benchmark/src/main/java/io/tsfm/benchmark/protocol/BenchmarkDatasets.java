package io.tsfm.benchmark.protocol;

import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.catalog.DatasetCatalog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads the test datasets of a benchmark by name. Stateless and thread-safe. */
public final class BenchmarkDatasets {
    /** The zero-shot test sets of the benchmark (MotionSense: one of the reference's main test sets). */
    public static final List<String> DEFAULT = List.of("mobifall_v2", "motionsense", "basicmotions", "racketsports");

    private BenchmarkDatasets() {}

    /**
     * Reads and windows {@code names} in order. Every name, and the presence of its files, is checked before any
     * dataset is read.
     *
     * @throws IllegalArgumentException for an unknown or repeated name (the known names are listed)
     * @throws IOException              when a dataset's files are absent or unreadable (the reader says which)
     */
    public static List<BenchmarkDataset> load(List<String> names, DatasetCatalog catalog, DataRoot root)
            throws IOException {
        if (names.isEmpty()) throw new IllegalArgumentException("no datasets named");
        Set<String> seen = new LinkedHashSet<>();
        for (String n : names) {
            catalog.get(n);
            if (!seen.add(n)) throw new IllegalArgumentException("dataset '" + n + "' is listed twice");
        }
        for (String n : names) {
            // an absent dataset fails at once with its reader's download hint, before any other is read
            if (root.locate(n).isEmpty()) catalog.read(n, root);
        }
        List<BenchmarkDataset> out = new ArrayList<>();
        for (String n : names) {
            Dataset d = catalog.read(n, root);
            out.add(BenchmarkDataset.of(d));
        }
        return out;
    }
}
