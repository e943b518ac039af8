package io.tsfm.datasets.catalog;

import io.tsfm.core.data.ReadProblem;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetReader;
import io.tsfm.datasets.DatasetSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Every dataset reader on the class path, by name. Thread-safe (immutable after construction). */
public final class DatasetCatalog {
    private final Map<String, DatasetReader> readers;
    private final List<ReadProblem> problems;

    private DatasetCatalog(Map<String, DatasetReader> readers, List<ReadProblem> problems) {
        this.readers = readers;
        this.problems = List.copyOf(problems);
    }

    /** The readers registered through {@link ServiceLoader}. */
    public static DatasetCatalog load() {
        Map<String, DatasetReader> m = new TreeMap<>();
        for (DatasetReader r : ServiceLoader.load(DatasetReader.class)) {
            DatasetReader prev = m.put(r.name(), r);
            if (prev != null) {
                throw new IllegalStateException("two readers claim dataset '" + r.name() + "': "
                        + prev.getClass().getName() + " and " + r.getClass().getName());
            }
        }
        return new DatasetCatalog(m, List.of());
    }

    /**
     * The built-in readers plus every user dataset in the generic labelled-CSV format found under
     * {@code root} (a folder or zip holding {@code tsfm-dataset.json}). A broken user manifest is reported in
     * {@link #problems()} and does not hide the other datasets; a user dataset may not take a built-in name.
     */
    public static DatasetCatalog load(DataRoot root) throws IOException {
        DatasetCatalog builtin = load();
        Map<String, DatasetReader> m = new TreeMap<>(builtin.readers);
        List<ReadProblem> problems = new ArrayList<>();
        io.tsfm.datasets.generic.GenericDatasets.Discovery found = io.tsfm.datasets.generic.GenericDatasets.discover(root);
        problems.addAll(found.problems());
        for (DatasetReader r : found.readers()) {
            if (m.containsKey(r.name())) {
                problems.add(new ReadProblem(r.name(), 0, 0, "user dataset '" + r.name()
                        + "' has the name of a built-in dataset and was ignored; rename it in its tsfm-dataset.json and folder", 1, true));
                continue;
            }
            m.put(r.name(), r);
        }
        return new DatasetCatalog(m, problems);
    }

    /** Problems found while discovering user datasets (empty for the built-in catalog). */
    public List<ReadProblem> problems() {
        return problems;
    }

    /** All readers sorted by name. */
    public List<DatasetReader> readers() {
        List<DatasetReader> l = new ArrayList<>(readers.values());
        l.sort(Comparator.comparing(DatasetReader::name));
        return l;
    }

    public Optional<DatasetReader> find(String name) {
        return Optional.ofNullable(readers.get(name));
    }

    /** The reader for {@code name}, or an error listing the known names. */
    public DatasetReader get(String name) {
        DatasetReader r = readers.get(name);
        if (r == null) {
            throw new IllegalArgumentException("unknown dataset '" + name + "'; known: " + readers.keySet());
        }
        return r;
    }

    /** Reads dataset {@code name} from the data root; fails with the download hint when absent. */
    public Dataset read(String name, DataRoot root) throws IOException {
        DatasetReader r = get(name);
        Path p = r.locate(root).orElseThrow(() -> new IOException("dataset '" + name + "' not found under "
                + root + " (looked for " + name + ".zip and " + name + "/). " + r.info().downloadHint()));
        try (DatasetSource src = DatasetSource.open(p)) {
            Dataset d = r.read(src);
            if (src.problems().isEmpty()) return d;
            List<ReadProblem> all = new ArrayList<>(src.problems()); // a truncated archive: say so first
            all.addAll(d.problems());
            return new Dataset(d.manifest(), d.sessions(), all);
        }
    }
}
