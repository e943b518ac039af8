package io.tsfm.export.bundle;

import io.tsfm.core.math.EmbeddingMath;
import io.tsfm.core.preprocess.PatchedWindow;
import io.tsfm.core.preprocess.Patcher;
import io.tsfm.core.runtime.Classification;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.runtime.OnnxWindowClassifier;
import io.tsfm.core.runtime.OpenSetClassification;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.core.runtime.WindowEmbedding;
import io.tsfm.datasets.eval.DatasetWindows;
import io.tsfm.export.djl.DjlInference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Compares a written bundle, served by the runtime's {@link OnnxWindowClassifier} exactly as in production, with the
 * DJL model it came from, on real windows: per-patch and window embeddings, the channel-description vectors, label
 * embeddings of texts outside the vocabulary (computed by the bundle's text path), and the predicted label of every
 * window closed-set (its dataset's labels) and open-set (the vocabulary). Stateless.
 */
public final class ParityCheck {

    /** DJL windows per forward pass. */
    private static final int DJL_BATCH = 32;

    private ParityCheck() {}

    /**
     * Real windows of one dataset and its label list (the closed set).
     *
     * @param dataset dataset name
     * @param labels  the dataset's labels, sorted
     * @param windows windows with their true labels
     */
    public record WindowSet(String dataset, List<String> labels, List<DatasetWindows.Labeled> windows) {}

    /**
     * Runs the comparison.
     *
     * @param sets           real windows per dataset
     * @param patcher        the bundle's preprocessing, for the DJL side
     * @param patchSeconds   the bundle's patch length
     * @param vocabulary     the bundle's labels
     * @param vocabularyEmb  DJL embeddings of the vocabulary (what the bundle's table holds)
     * @param frozenLabels   whether labels are the frozen text embeddings
     */
    public static ParityReport run(DjlInference djl, OnnxWindowClassifier ort,
                                   List<WindowSet> sets, Patcher patcher,
                                   double patchSeconds, List<String> vocabulary, float[][] vocabularyEmb,
                                   boolean frozenLabels, double tolerance) {
        List<SensorWindow> all = new ArrayList<>();
        sets.forEach(s -> s.windows().forEach(w -> all.add(w.window())));
        List<String> examples = new ArrayList<>();

        // embeddings: the serving path vs DJL eager, window by window
        List<WindowEmbedding> served = ort.embed(all);
        float[][][] reference = djlEmbeddings(djl, all, patcher, patchSeconds);
        double patchDiff = 0;
        double windowDiff = 0;
        float[][] djlWindow = new float[all.size()][];
        for (int i = 0; i < all.size(); i++) {
            WindowEmbedding s = served.get(i);
            if (!s.ok()) {
                throw new IllegalStateException("the served bundle refused real window " + s.windowId() + ": "
                        + s.error());
            }
            djlWindow[i] = reference[i].length == 1 && s.patchEmbeddings() == null ? reference[i][0]
                    : EmbeddingMath.normalizedMean(reference[i]);
            windowDiff = Math.max(windowDiff, maxAbs(djlWindow[i], s.embedding()));
            if (s.patchEmbeddings() != null) {
                for (int q = 0; q < reference[i].length; q++) {
                    patchDiff = Math.max(patchDiff, maxAbs(reference[i][q], s.patchEmbeddings()[q]));
                }
            }
        }

        LinkedHashSet<String> descriptions = new LinkedHashSet<>();
        all.forEach(w -> descriptions.addAll(w.channelDescriptions()));
        List<String> distinct = new ArrayList<>(descriptions);
        double channelDiff = maxAbs(djl.channelVectors(distinct), ort.channelEmbeddings(distinct));

        // new label texts go through the bundle's text path (label_bank.onnx or the frozen encoder)
        List<String> unseen = new ArrayList<>();
        for (String l : vocabulary) {
            String spaced = l.replace('_', ' ');
            if (!vocabulary.contains(spaced)) unseen.add(spaced);
        }
        double labelDiff = unseen.isEmpty() ? 0
                : maxAbs(djl.labelEmbeddings(unseen, frozenLabels), ort.labelEmbeddings(unseen));

        // predictions, closed-set per dataset and open-set over the vocabulary
        int closed = 0;
        int at = 0;
        double margin = 0;
        for (WindowSet set : sets) {
            List<String> labels = set.labels();
            float[][] lblEmb = djl.labelEmbeddings(labels, frozenLabels);
            List<SensorWindow> ws = set.windows().stream().map(DatasetWindows.Labeled::window).toList();
            List<Classification> got = ort.classify(ws, new LabelSet("parity:" + set.dataset(), 1, labels), 1);
            for (int i = 0; i < ws.size(); i++, at++) {
                int expected = EmbeddingMath.argmaxDot(djlWindow[at], lblEmb);
                int chosen = labels.indexOf(got.get(i).best());
                if (chosen != expected) {
                    closed++;
                    double m = EmbeddingMath.dot(djlWindow[at], lblEmb[expected]) - EmbeddingMath.dot(djlWindow[at], lblEmb[chosen]);
                    margin = Math.max(margin, m);
                    if (examples.size() < 5) {
                        examples.add(String.format(java.util.Locale.ROOT, "%s closed-set: DJL %s, ONNX %s (DJL margin "
                                + "%.1e)", ws.get(i).id(), labels.get(expected), labels.get(chosen), m));
                    }
                }
            }
        }
        int open = 0;
        List<OpenSetClassification> openSet = ort.classifyOpenSet(all, 1);
        for (int i = 0; i < all.size(); i++) {
            int expected = EmbeddingMath.argmaxDot(djlWindow[i], vocabularyEmb);
            int chosen = vocabulary.indexOf(openSet.get(i).topK().get(0).label());
            if (chosen != expected) {
                open++;
                double m = EmbeddingMath.dot(djlWindow[i], vocabularyEmb[expected]) - EmbeddingMath.dot(djlWindow[i], vocabularyEmb[chosen]);
                margin = Math.max(margin, m);
                if (examples.size() < 5) {
                    examples.add(String.format(java.util.Locale.ROOT, "%s open-set: DJL %s, ONNX %s (DJL margin %.1e)",
                            all.get(i).id(), vocabulary.get(expected), vocabulary.get(chosen), m));
                }
            }
        }
        return new ParityReport(all.size(), sets.stream().map(WindowSet::dataset).toList(), patchDiff, windowDiff, channelDiff,
                labelDiff, closed, open, margin, List.copyOf(examples), tolerance);
    }

    private static float[][][] djlEmbeddings(DjlInference djl, List<SensorWindow> windows, Patcher patcher,
                                             double patchSeconds) {
        float[][][] out = new float[windows.size()][][];
        Map<String, List<Integer>> byShape = new LinkedHashMap<>();
        List<PatchedWindow> patched = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            SensorWindow w = windows.get(i);
            PatchedWindow p = patcher.patch(w.samples(), w.rateHz(), patchSeconds);
            patched.add(p);
            byShape.computeIfAbsent(p.numChannels() + "x" + p.numPatches(), k -> new ArrayList<>()).add(i);
        }
        for (List<Integer> group : byShape.values()) {
            for (int from = 0; from < group.size(); from += DJL_BATCH) {
                List<Integer> idx = group.subList(from, Math.min(group.size(), from + DJL_BATCH));
                float[][][] e = djl.embed(idx.stream().map(patched::get).toList(),
                        idx.stream().map(i -> windows.get(i).channelDescriptions()).toList());
                for (int j = 0; j < idx.size(); j++) out[idx.get(j)] = e[j];
            }
        }
        return out;
    }

    private static double maxAbs(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalStateException("output widths differ: DJL " + a.length + ", ONNX " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    private static double maxAbs(float[][] a, float[][] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, maxAbs(a[i], b[i]));
        return m;
    }
}
