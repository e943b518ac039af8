package io.tsfm.benchmark.baseline.neural;

import io.tsfm.benchmark.baseline.BaselineStore;
import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.WindowKey;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.catalog.DatasetCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The training data of the neural baselines: the training datasets cut exactly as benchmark windows are, by the
 * same code ({@link BenchmarkDataset#cut}: each subject's sessions concatenated in id order, non-overlapping 6 s
 * windows at the native rate, majority label), each converted to {@link BaselineInput} (20 Hz, 120×6), labelled with its vocabulary label,
 * and with the label of each of its six 1 s sub-windows when that sub-window is single-label (LiMU-BERT's zero-shot
 * head trains on those only). Labels are the sorted union of the datasets' labels. Immutable and thread-safe.
 *
 * @param datasets the training datasets, in the order given
 * @param labels   the sorted union of their labels: the baselines' training vocabulary
 * @param windows  every window, datasets in order, subjects in id order, windows in time order
 */
public record TrainingCorpus(List<String> datasets, List<String> labels, List<TrainingCorpus.Window> windows) {
    /** The training sets this project ships (the reference pretrains on 10). */
    public static final List<String> DEFAULT_DATASETS = List.of("hapt", "hmp", "utd_mhad");
    /** Sub-windows of a window (1 s each, 20 samples at 20 Hz). */
    public static final int SUB_WINDOWS = 6;

    public TrainingCorpus {
        datasets = List.copyOf(datasets);
        labels = List.copyOf(labels);
        windows = List.copyOf(windows);
    }

    /**
     * One training window.
     *
     * @param key        {@code <dataset>/<subject>/<first native sample>}
     * @param label      majority label
     * @param labelIndex index of the label in the corpus labels
     * @param input      {@code [120][6]} ({@link BaselineInput}); not to be modified
     * @param subLabels  per 1 s sub-window, the corpus label index when every native sample in it carries that
     *                   label, else -1
     */
    public record Window(WindowKey key, String label, int labelIndex, float[][] input, int[] subLabels) {
    }

    /**
     * Reads and windows the named datasets.
     *
     * @throws IOException              when a dataset is absent or unreadable (the reader says which and where)
     * @throws IllegalArgumentException for an unknown name, or a dataset without a single 6 s window
     */
    public static TrainingCorpus load(List<String> names, DatasetCatalog catalog, DataRoot root) throws IOException {
        List<Dataset> sets = new ArrayList<>();
        for (String n : names) sets.add(catalog.read(n, root));
        return of(sets);
    }

    /** Windows already read datasets. */
    public static TrainingCorpus of(List<Dataset> datasets) {
        if (datasets.isEmpty()) throw new IllegalArgumentException("no training datasets");
        TreeSet<String> all = new TreeSet<>();
        for (Dataset d : datasets) all.addAll(d.manifest().labels());
        List<String> labels = new ArrayList<>(all);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) index.put(labels.get(i), i);
        List<Window> windows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Dataset d : datasets) {
            names.add(d.name());
            List<String> own = new ArrayList<>(new TreeSet<>(d.manifest().labels()));
            int before = windows.size();
            BenchmarkDataset.cut(oneLayoutPerSubject(d), own, (subject, w, t, channels) -> {
                WindowKey key = new WindowKey(d.name(), subject, w.startSample());
                float[][] input = BaselineInput.of(w.samples(), t.rateHz(), channels, key.toString());
                int[] sub = new int[SUB_WINDOWS];
                for (int j = 0; j < SUB_WINDOWS; j++) {
                    int from = w.startSample() + (int) Math.floor(j * t.rateHz() + 1e-9);
                    int to = Math.min(w.startSample() + w.length(),
                            w.startSample() + (int) Math.floor((j + 1) * t.rateHz() + 1e-9));
                    int first = t.labels()[from];
                    boolean uniform = to > from;
                    for (int i = from + 1; i < to && uniform; i++) uniform = t.labels()[i] == first;
                    sub[j] = uniform ? index.get(own.get(first)) : -1;
                }
                String label = own.get(w.label());
                windows.add(new Window(key, label, index.get(label), input, sub));
            });
            if (windows.size() == before) {
                throw new IllegalArgumentException("training dataset " + d.name() + " has no 6 s window");
            }
        }
        return new TrainingCorpus(names, labels, windows);
    }

    /**
     * {@code d} with each subject whose sessions differ in channel layout (HuGaDB drops clipped gyroscopes per file)
     * split into one subject per layout, {@code <subject>~<n>}, so that a subject's concatenated sessions share their
     * channels; {@code d} itself when every subject has one layout.
     */
    static Dataset oneLayoutPerSubject(Dataset d) {
        List<List<String>> layoutOf = d.sessions().stream()
                .map(s -> s.channels().stream().map(c -> c.name()).toList()).toList();
        Map<String, List<List<String>>> layouts = new HashMap<>();
        for (int i = 0; i < layoutOf.size(); i++) {
            List<List<String>> seen = layouts.computeIfAbsent(d.sessions().get(i).subject(), k -> new ArrayList<>());
            if (!seen.contains(layoutOf.get(i))) seen.add(layoutOf.get(i));
        }
        if (layouts.values().stream().allMatch(l -> l.size() == 1)) return d;
        List<Session> out = new ArrayList<>(layoutOf.size());
        for (int i = 0; i < layoutOf.size(); i++) {
            Session s = d.sessions().get(i);
            List<List<String>> seen = layouts.get(s.subject());
            String subject = seen.size() == 1 ? s.subject() : s.subject() + "~" + seen.indexOf(layoutOf.get(i));
            out.add(new Session(s.id(), s.dataset(), subject, s.label(), s.rateHz(), s.channels(), s.samples(),
                    s.source()));
        }
        return new Dataset(d.manifest(), out, d.problems());
    }

    /** SHA-256 of the window keys and labels, one a line: what a checkpoint records of its training data. */
    public String sha256() {
        StringBuilder sb = new StringBuilder();
        for (Window w : windows) sb.append(w.key()).append('\t').append(w.label()).append('\n');
        return BaselineStore.sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The datasets joined by '+', as checkpoints name their training data. */
    public String name() {
        return String.join("+", datasets);
    }

    /** The inputs of every window, {@code [window][t][c]}. */
    public float[][][] inputs() {
        float[][][] out = new float[windows.size()][][];
        for (int i = 0; i < out.length; i++) out[i] = windows.get(i).input();
        return out;
    }

    /** The label index of every window. */
    public int[] labelIndices() {
        return windows.stream().mapToInt(Window::labelIndex).toArray();
    }
}
