package io.tsfm.benchmark.protocol;

import io.tsfm.core.data.Session;
import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetManifest;
import io.tsfm.datasets.eval.CoreChannels;
import io.tsfm.datasets.eval.DatasetWindows;
import io.tsfm.datasets.eval.EvalWindows;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A test dataset as the benchmark sees it (spec §1.5, §6.1): its accelerometer and gyroscope channels ({@link
 * CoreChannels}), labels sorted alphabetically (class index i is the i-th), each subject's sessions concatenated in
 * id order and cut into non-overlapping 6 s windows at the native rate with the majority label ({@link EvalWindows});
 * subjects in id order, windows in time order. A dataset whose reader
 * knows no subjects is one subject. Immutable and thread-safe.
 *
 * @param name        dataset name
 * @param description the dataset's description (a model input)
 * @param labels      the dataset's labels, sorted
 * @param windows     every window, {@code windows.get(i).index() == i}
 * @param subjects    number of subjects (devices)
 * @param mixedWindows windows whose samples carry more than one label (where concatenated sessions of different
 *                     activities meet); they keep the majority label, as in the reference
 * @param labelGroups  the synonym group of each label, by which open-set scores its windows: the default vocabulary
 *                     extended by the groups the dataset declares ({@link DatasetManifest#synonymGroups()}); a label
 *                     no group holds is its own group
 */
public record BenchmarkDataset(String name, String description, List<String> labels, List<BenchmarkWindow> windows,
                               int subjects, int mixedWindows, Map<String, String> labelGroups) {
    public BenchmarkDataset {
        labels = List.copyOf(labels);
        windows = List.copyOf(windows);
        Map<String, String> groups = new LinkedHashMap<>();
        for (String l : labels) groups.put(l, labelGroups.getOrDefault(l, l));
        labelGroups = Collections.unmodifiableMap(groups);
    }

    /** A dataset whose labels are grouped by the default vocabulary alone (each unknown label its own group). */
    public BenchmarkDataset(String name, String description, List<String> labels, List<BenchmarkWindow> windows,
                            int subjects, int mixedWindows) {
        this(name, description, labels, windows, subjects, mixedWindows,
                groupsOf(labels, LabelVocabulary.defaults()));
    }

    /** Label → its group in {@code vocabulary}, or the label itself when no group holds it. */
    public static Map<String, String> groupsOf(List<String> labels, LabelVocabulary vocabulary) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String l : labels) out.put(l, vocabulary.findGroup(l).orElse(l));
        return out;
    }

    /**
     * Cuts {@code dataset} into its evaluation windows.
     *
     * @throws IllegalArgumentException if the dataset yields no window (every subject shorter than 6 s)
     */
    public static BenchmarkDataset of(Dataset dataset) {
        List<String> labels = new ArrayList<>(new TreeSet<>(dataset.manifest().labels()));
        for (Session s : dataset.sessions()) {
            if (!labels.contains(s.label())) {
                throw new IllegalArgumentException(dataset.name() + "/" + s.id() + ": label '" + s.label()
                        + "' is not in the dataset's label list " + labels);
            }
        }
        List<BenchmarkWindow> windows = new ArrayList<>();
        int[] mixed = {0};
        int subjects = cut(dataset, labels, (subject, w, t, channels) -> {
            int[] perSample = t.labels();
            for (int i = w.startSample() + 1; i < w.startSample() + w.length(); i++) {
                if (perSample[i] != perSample[w.startSample()]) {
                    mixed[0]++;
                    break;
                }
            }
            windows.add(new BenchmarkWindow(new WindowKey(dataset.name(), subject, w.startSample()), windows.size(),
                    w.label(), labels.get(w.label()), w.samples(), t.rateHz(), channels));
        });
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("dataset " + dataset.name() + " has no " + EvalWindows.WINDOW_SECONDS
                    + " s window: every subject's recordings are shorter");
        }
        LabelVocabulary vocabulary;
        try {
            vocabulary = LabelVocabulary.defaults().extend(dataset.manifest().synonymGroups());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dataset " + dataset.name() + ": its synonym groups: " + e.getMessage(), e);
        }
        return new BenchmarkDataset(dataset.name(), dataset.manifest().description(), labels, windows, subjects,
                mixed[0], groupsOf(labels, vocabulary));
    }

    /**
     * Cuts {@code dataset} as the benchmark does: {@link DatasetWindows#cut} (which {@code classify} and export parity
     * share) with the benchmark's 6 s windows ({@link EvalWindows#WINDOW_SECONDS}): its {@link CoreChannels core
     * channels}, each subject's sessions concatenated in id order and cut into non-overlapping windows at the native
     * rate with the majority label, handed to {@code visitor} subjects in id order, windows in time order. A window's
     * key is {@code new WindowKey(dataset.name(), subject, window.startSample())}.
     *
     * @param labels the label order the windows' label indices refer to
     * @return the number of subjects
     */
    public static int cut(Dataset dataset, List<String> labels, DatasetWindows.WindowVisitor visitor) {
        return DatasetWindows.cut(dataset, labels, EvalWindows.WINDOW_SECONDS, visitor);
    }

    /** The class index of every window, in window order (the split's input). */
    public int[] labelIndices() {
        int[] out = new int[windows.size()];
        for (int i = 0; i < out.length; i++) out[i] = windows.get(i).labelIndex();
        return out;
    }

    /** The windows at {@code indices}, in that order. */
    public List<BenchmarkWindow> select(int[] indices) {
        List<BenchmarkWindow> out = new ArrayList<>(indices.length);
        for (int i : indices) out.add(windows.get(i));
        return out;
    }

    /** Window count per label, in label order. */
    public Map<String, Integer> labelCounts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String l : labels) out.put(l, 0);
        for (BenchmarkWindow w : windows) out.merge(w.label(), 1, Integer::sum);
        return out;
    }
}
