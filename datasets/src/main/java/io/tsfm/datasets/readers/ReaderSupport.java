package io.tsfm.datasets.readers;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.datasets.DatasetInfo;
import io.tsfm.datasets.DatasetManifest;
import io.tsfm.datasets.reading.MissingValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What every reader here shares: channel layouts, label checks, value repair, manifests, parallel files. */
final class ReaderSupport {
    /** Subject id used where the source does not say who was recorded. */
    static final String UNKNOWN_SUBJECT = "unknown";

    private ReaderSupport() {}

    /** Pauses between consecutive sample times longer than a threshold: how many, and the longest. */
    record Gaps(long count, double longest) {
        /** The pauses longer than {@code thresholdS} among the first {@code n} times of {@code t} (seconds). */
        static Gaps of(double[] t, int n, double thresholdS) {
            long count = 0;
            double longest = 0;
            for (int i = 1; i < n; i++) {
                double d = t[i] - t[i - 1];
                if (d > thresholdS) {
                    count++;
                    longest = Math.max(longest, d);
                }
            }
            return new Gaps(count, longest);
        }
    }

    /** True when {@code label} is in the default vocabulary. */
    static boolean inVocabulary(String label) {
        return LabelVocabulary.defaults().contains(label);
    }

    /** The problem recorded when a label is outside the vocabulary. */
    static ReadProblem labelOutsideVocabulary(String file, long line, int column, String raw, String label) {
        return new ReadProblem(file, line, column, "label '" + raw + "' (as '" + label
                + "') is not in the label vocabulary; skipped", 1, true);
    }

    /**
     * Repairs non-finite samples in place ({@link MissingValues}) and records how many as one warning.
     *
     * @param what where the values came from (file), for the warning
     * @param line first source line of the repaired data, 0 when not line-based
     */
    static void repair(float[][] samples, String what, long line, List<ReadProblem> problems) {
        long n = MissingValues.fill(samples);
        if (n > 0) {
            problems.add(new ReadProblem(what, line, 0, n + " non-finite value(s) (NaN/Inf) replaced by"
                    + " forward fill (backward fill at the start, zeros for an all-missing channel)", n, false));
        }
    }

    /** The manifest of a dataset from its static facts and what was read. */
    static DatasetManifest manifest(DatasetInfo info, Collection<Session> sessions, Collection<String> labels,
                                    Map<SensorKind, String> sourceUnits, String resampling) {
        Set<String> subjects = new HashSet<>();
        for (Session s : sessions) {
            if (!s.subject().equals(UNKNOWN_SUBJECT)) subjects.add(s.subject());
        }
        return new DatasetManifest(info.name(), info.description(), info.role(), subjects.size(),
                new ArrayList<>(new TreeSet<>(labels)), sourceUnits, resampling, info.licence(), info.citation());
    }

    /**
     * Sessions sorted by id, as {@link io.tsfm.datasets.Dataset} expects. Ids must be unique: a second
     * session with an id already taken (e.g. the same trial present twice in a hand-assembled folder) is
     * reported and left out.
     */
    static List<Session> sortedById(List<Session> sessions, List<ReadProblem> problems) {
        Map<String, Session> byId = new TreeMap<>();
        for (Session s : sessions) {
            Session prev = byId.putIfAbsent(s.id(), s);
            if (prev != null) {
                problems.add(new ReadProblem(s.source(), 0, 0, "session id '" + s.id() + "' is already taken by "
                        + prev.source() + "; skipped", 1, true));
            }
        }
        return new ArrayList<>(byId.values());
    }

    /** Work on one input unit that may fail with an I/O error. */
    @FunctionalInterface
    interface IoFunction<T, R> {
        R apply(T t) throws IOException;
    }

    /**
     * Applies {@code fn} to every item on the common fork-join pool and returns the results in input
     * order, so that reading stays deterministic. Files are independent, so this only needs the source
     * to allow concurrent {@code open} calls, which {@link io.tsfm.datasets.DatasetSource} does.
     */
    static <T, R> List<R> parallelMap(List<T> items, IoFunction<T, R> fn) throws IOException {
        try {
            return items.parallelStream().map(t -> {
                try {
                    return fn.apply(t);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
