package io.tsfm.datasets.eval;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.Session;
import io.tsfm.core.preprocess.ChannelDescriptions;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.datasets.Dataset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset's evaluation windows as classifier input (spec §1.5, §6.2): its {@link CoreChannels core channels}, each
 * subject's sessions concatenated in session order and cut into non-overlapping 6 s windows ({@link EvalWindows},
 * majority label), each with the channel descriptions the model reads for the serving patch length. Window ids are
 * {@code <dataset>/<subject>/<first sample>}. Stateless and thread-safe.
 */
public final class DatasetWindows {

    private DatasetWindows() {}

    /** A window and its true label. */
    public record Labeled(SensorWindow window, String label) {}

    /**
     * All 6 s windows of {@code dataset}, subjects in id order.
     *
     * @param patchSeconds the serving patch length named in the descriptions (the bundle's)
     */
    public static List<Labeled> of(Dataset dataset, double patchSeconds) {
        return of(dataset, patchSeconds, EvalWindows.WINDOW_SECONDS);
    }

    /** As {@link #of(Dataset, double)} with another window length. */
    public static List<Labeled> of(Dataset dataset, double patchSeconds, double windowSeconds) {
        List<String> labels = dataset.manifest().labels();
        List<Labeled> out = new ArrayList<>();
        Map<String, List<String>> descriptions = new HashMap<>();
        cut(dataset, labels, windowSeconds, (subject, w, t, channels) -> {
            List<String> d = descriptions.computeIfAbsent(subject, k -> ChannelDescriptions.describeAll(
                    dataset.manifest().description(), channels, t.rateHz(), patchSeconds));
            String id = dataset.name() + "/" + subject + "/" + w.startSample();
            out.add(new Labeled(new SensorWindow(id, w.samples(), t.rateHz(), d), labels.get(w.label())));
        });
        return out;
    }

    /** Receives the windows {@link #cut} makes. */
    @FunctionalInterface
    public interface WindowVisitor {
        /**
         * @param subject  the subject the window belongs to
         * @param window   the window (samples, majority label index, first sample)
         * @param table    the subject's concatenated sessions it was cut from
         * @param channels the subject's channels (core channels only), in sample-row order
         */
        void accept(String subject, EvalWindow window, LabeledTable table, List<Channel> channels);
    }

    /**
     * Cuts {@code dataset} for evaluation, the one implementation the benchmark and {@link #of} share: its {@link
     * CoreChannels core channels}, each subject's sessions concatenated in id order and cut into non-overlapping
     * windows of {@code windowSeconds} at the native rate with the majority label ({@link EvalWindows}), handed to
     * {@code visitor} subjects in id order, windows in time order.
     *
     * @param labels the label order the windows' label indices refer to
     * @return the number of subjects
     */
    public static int cut(Dataset dataset, List<String> labels, double windowSeconds, WindowVisitor visitor) {
        List<Session> sessions = dataset.sessions().stream().map(CoreChannels::of).toList();
        Map<String, List<Channel>> channelsOf = new HashMap<>();
        for (Session s : sessions) channelsOf.putIfAbsent(s.subject(), s.channels());
        Map<String, LabeledTable> tables = EvalWindows.bySubject(sessions, labels);
        for (Map.Entry<String, LabeledTable> e : tables.entrySet()) {
            for (EvalWindow w : EvalWindows.slice(e.getValue(), windowSeconds)) {
                visitor.accept(e.getKey(), w, e.getValue(), channelsOf.get(e.getKey()));
            }
        }
        return tables.size();
    }

    /** {@code count} windows spread evenly over {@code all} (all of them when there are fewer). */
    public static List<Labeled> spread(List<Labeled> all, int count) {
        if (count >= all.size()) return List.copyOf(all);
        List<Labeled> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(all.get((int) ((long) i * all.size() / count)));
        return out;
    }
}
