package io.tsfm.datasets.eval;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.Session;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Benchmark window slicing (spec §1.5 step 2): a subject's table is cut into non-overlapping windows of
 * {@code (int)(rate·6.0)} samples, the remainder dropped, each labelled with the majority of its per-sample
 * labels (ties → the lowest label index, as numpy's {@code bincount(...).argmax()}). No resampling and no
 * unit conversion. Stateless and thread-safe.
 */
public final class EvalWindows {
    /** Window length of the reference benchmark. */
    public static final double WINDOW_SECONDS = 6.0;

    private EvalWindows() {}

    /** {@code (int)(rateHz·windowSeconds)}, Python's {@code int(rate*6.0)} for the default. */
    public static int windowSamples(double rateHz, double windowSeconds) {
        if (!(rateHz > 0) || Double.isInfinite(rateHz)) {
            throw new IllegalArgumentException("sampling rate must be positive and finite, got " + rateHz);
        }
        if (!(windowSeconds > 0) || Double.isInfinite(windowSeconds)) {
            throw new IllegalArgumentException("window length must be positive seconds, got " + windowSeconds);
        }
        int w = (int) (rateHz * windowSeconds);
        if (w < 1) {
            throw new IllegalArgumentException("window of " + windowSeconds + " s at " + rateHz
                    + " Hz holds no whole sample");
        }
        return w;
    }

    /** Samples in a 6 s window at {@code rateHz}. */
    public static int windowSamples(double rateHz) {
        return windowSamples(rateHz, WINDOW_SECONDS);
    }

    /** The most frequent label in {@code labels[from, to)}; ties go to the lowest label index. */
    public static int majorityLabel(int[] labels, int from, int to) {
        if (from >= to) {
            throw new IllegalArgumentException("empty label range [" + from + ", " + to + ")");
        }
        Map<Integer, Integer> counts = new HashMap<>();
        int best = -1;
        int bestCount = 0;
        for (int t = from; t < to; t++) {
            int l = labels[t];
            int n = counts.merge(l, 1, Integer::sum);
            if (n > bestCount || (n == bestCount && l < best)) {
                best = l;
                bestCount = n;
            }
        }
        return best;
    }

    /** Cuts 6 s windows. */
    public static List<EvalWindow> slice(LabeledTable table) {
        return slice(table, WINDOW_SECONDS);
    }

    /** Cuts non-overlapping windows of {@code (int)(rate·windowSeconds)} samples; the remainder is dropped. */
    public static List<EvalWindow> slice(LabeledTable table, double windowSeconds) {
        int w = windowSamples(table.rateHz(), windowSeconds);
        int count = table.length() / w;
        float[][] src = table.samples();
        List<EvalWindow> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int start = i * w;
            float[][] win = new float[src.length][];
            for (int c = 0; c < src.length; c++) {
                win[c] = java.util.Arrays.copyOfRange(src[c], start, start + w);
            }
            out.add(new EvalWindow(table.subject(), start, majorityLabel(table.labels(), start, start + w), win));
        }
        return out;
    }

    /** One session as a table whose every row carries the session's label, indexed in {@code labelOrder}. */
    public static LabeledTable table(Session session, List<String> labelOrder) {
        return concatenate(List.of(session), labelOrder);
    }

    /**
     * The sessions of one subject concatenated in session-id order (as the reference's {@code export_raw.py}),
     * each row labelled with its session's label index in {@code labelOrder}.
     *
     * @throws IllegalArgumentException if the sessions are empty, belong to different subjects, or differ in
     *                                  rate or channel names, or a label is not in {@code labelOrder}
     *                                  (the offending session is named)
     */
    public static LabeledTable concatenate(List<Session> sessions, List<String> labelOrder) {
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("no sessions to concatenate");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labelOrder.size(); i++) index.putIfAbsent(labelOrder.get(i), i);
        List<Session> sorted = new ArrayList<>(sessions);
        sorted.sort(Comparator.comparing(Session::id));
        Session first = sorted.get(0);
        List<String> names = channelNames(first);
        long total = 0;
        for (Session s : sorted) {
            String where = s.dataset() + "/" + s.id();
            if (!s.subject().equals(first.subject())) {
                throw new IllegalArgumentException(where + ": subject " + s.subject() + " differs from "
                        + first.subject() + " of " + first.id());
            }
            if (s.rateHz() != first.rateHz()) {
                throw new IllegalArgumentException(where + ": rate " + s.rateHz() + " Hz differs from "
                        + first.rateHz() + " Hz of " + first.id());
            }
            if (!channelNames(s).equals(names)) {
                throw new IllegalArgumentException(where + ": channels " + channelNames(s) + " differ from "
                        + names + " of " + first.id());
            }
            if (!index.containsKey(s.label())) {
                throw new IllegalArgumentException(where + ": label '" + s.label() + "' is not in the label order "
                        + labelOrder);
            }
            total += s.length();
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("subject " + first.subject() + ": " + total + " samples is too many");
        }
        int n = (int) total;
        float[][] samples = new float[names.size()][n];
        int[] labels = new int[n];
        int pos = 0;
        for (Session s : sorted) {
            float[][] src = s.samples();
            for (int c = 0; c < src.length; c++) {
                System.arraycopy(src[c], 0, samples[c], pos, s.length());
            }
            java.util.Arrays.fill(labels, pos, pos + s.length(), index.get(s.label()));
            pos += s.length();
        }
        String source = first.dataset() + " subject " + first.subject() + " (" + sorted.size() + " sessions)";
        return new LabeledTable(first.subject(), first.rateHz(), names, samples, labels, source);
    }

    /** One concatenated table per subject, keyed and ordered by subject id. */
    public static Map<String, LabeledTable> bySubject(List<Session> sessions, List<String> labelOrder) {
        Map<String, List<Session>> groups = new TreeMap<>();
        for (Session s : sessions) groups.computeIfAbsent(s.subject(), k -> new ArrayList<>()).add(s);
        Map<String, LabeledTable> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Session>> e : groups.entrySet()) {
            out.put(e.getKey(), concatenate(e.getValue(), labelOrder));
        }
        return out;
    }

    private static List<String> channelNames(Session s) {
        List<String> names = new ArrayList<>(s.numChannels());
        for (Channel ch : s.channels()) names.add(ch.name());
        return names;
    }
}
