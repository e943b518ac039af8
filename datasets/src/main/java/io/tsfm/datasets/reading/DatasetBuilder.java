package io.tsfm.datasets.reading;

import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetManifest;
import io.tsfm.datasets.DatasetRole;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Assembles the result of one read: sessions (sorted by id, ids checked unique), the problems found, and
 * the manifest facts derived from what was actually read (subjects). Also applies the documented
 * {@link MissingValues} policy to each session and records the repaired count as a warning. Not
 * thread-safe: one builder per read.
 */
public final class DatasetBuilder {
    private final String name;
    private final String description;
    private final DatasetRole role;
    private final String licence;
    private final String citation;
    private final ProblemLog problems = new ProblemLog();
    private final List<Session> sessions = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private final Map<SensorKind, String> sourceUnits = new EnumMap<>(SensorKind.class);
    private List<String> labels;
    private String resampling = "none";
    private Map<String, List<String>> synonymGroups = Map.of();

    public DatasetBuilder(String name, String description, DatasetRole role, String licence, String citation) {
        this.name = name;
        this.description = description;
        this.role = role;
        this.licence = licence;
        this.citation = citation;
    }

    /** The problem log of this read. */
    public ProblemLog problems() {
        return problems;
    }

    /** Records the unit a sensor kind had in the source, before conversion; several units are joined. */
    public DatasetBuilder sourceUnit(SensorKind kind, String unit) {
        sourceUnits.merge(kind, unit, (a, b) -> a.equals(b) || a.contains(b) ? a : a + ", " + b);
        return this;
    }

    /** How the data were brought to one rate ("none" by default). */
    public DatasetBuilder resampling(String how) {
        this.resampling = how;
        return this;
    }

    /** The dataset's label vocabulary; when not set, the labels of the sessions read. */
    public DatasetBuilder labels(Collection<String> vocabulary) {
        this.labels = List.copyOf(new TreeSet<>(vocabulary));
        return this;
    }

    /** Synonym groups the dataset declares for its own labels (group → labels); none by default. */
    public DatasetBuilder synonymGroups(Map<String, List<String>> groups) {
        this.synonymGroups = groups;
        return this;
    }

    /**
     * Repairs non-finite samples of {@code samples} in place by the {@link MissingValues} policy and records
     * how many were repaired as a warning on {@code file}.
     */
    public void fillMissing(float[][] samples, String file, long line) {
        long n = MissingValues.fill(samples);
        problems.warning(file, line, 0, "non-finite samples (NaN/Inf) repaired by forward/backward fill", n);
    }

    /** Adds a session; its id must be new. */
    public void add(Session s) {
        if (!ids.add(s.id())) {
            throw new IllegalStateException("duplicate session id " + s.id() + " in dataset " + name);
        }
        sessions.add(s);
    }

    public int size() {
        return sessions.size();
    }

    /** The dataset read so far. */
    public Dataset build() {
        sessions.sort(Comparator.comparing(Session::id));
        Set<String> subjects = new TreeSet<>();
        Set<String> read = new TreeSet<>();
        for (Session s : sessions) {
            subjects.add(s.subject());
            read.add(s.label());
        }
        List<String> vocabulary = labels != null ? labels : List.copyOf(read);
        DatasetManifest m = new DatasetManifest(name, description, role, subjects.size(), vocabulary,
                sourceUnits, resampling, licence, citation, synonymGroups);
        return new Dataset(m, sessions, problems.problems());
    }
}
