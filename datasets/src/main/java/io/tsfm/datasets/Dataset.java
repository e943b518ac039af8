package io.tsfm.datasets;

import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.Session;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A dataset as read: its manifest, its sessions, and every problem skipped while reading.
 *
 * @param manifest what the dataset is
 * @param sessions sessions sorted by id
 * @param problems problems found (skipped files, repaired values), in reading order
 */
public record Dataset(DatasetManifest manifest, List<Session> sessions, List<ReadProblem> problems) {
    public Dataset {
        sessions = List.copyOf(sessions);
        problems = List.copyOf(problems);
    }

    public String name() {
        return manifest.name();
    }

    /** Total recorded time over all sessions, in hours. */
    public double hours() {
        return sessions.stream().mapToDouble(Session::durationSeconds).sum() / 3600.0;
    }

    /** Number of sessions per raw label, sorted by label. */
    public Map<String, Integer> labelCounts() {
        Map<String, Integer> m = new TreeMap<>();
        for (Session s : sessions) m.merge(s.label(), 1, Integer::sum);
        return m;
    }

    /** Seconds of recording per raw label, sorted by label. */
    public Map<String, Double> labelSeconds() {
        Map<String, Double> m = new TreeMap<>();
        for (Session s : sessions) m.merge(s.label(), s.durationSeconds(), Double::sum);
        return m;
    }
}
