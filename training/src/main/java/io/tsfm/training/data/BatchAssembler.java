package io.tsfm.training.data;

import io.tsfm.core.data.Session;
import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.core.preprocess.ChannelDescriptions;
import io.tsfm.core.preprocess.PatchBatch;
import io.tsfm.core.preprocess.PatchedWindow;
import io.tsfm.core.preprocess.Patcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Turns sessions into model-ready batches (spec §1.4), with the training augmentations when asked:
 * a random crop of long sessions, Gaussian jitter (p 0.5, σ 0.05 in canonical units), a patch length
 * drawn from the dataset's grid, and label-text augmentation. Validation batches use the whole session
 * (up to the crop limit, from its start), the default patch length and raw labels.
 *
 * <p>The reference's per-channel scale augmentation is left out on purpose: per-patch z-scoring (§2.4)
 * removes it exactly, so it only costs time. Patching, interpolation and normalisation are the
 * {@link Patcher} of {@code core}, the same code serving runs. Not thread-safe (callers pass their own
 * {@link Random}); holds no mutable state.
 */
public final class BatchAssembler {
    /** Jitter probability and σ of the reference (§1.4-5). */
    public static final double JITTER_P = 0.5;
    public static final double JITTER_SIGMA = 0.05;

    private final List<Session> sessions;
    private final Map<String, String> datasetDescriptions;
    private final LabelVocabulary vocabulary;
    private final LabelTextAugmenter augmenter;
    private final Patcher patcher;
    private final double maxSeconds;
    private final double minCropSeconds;
    private final ImuAugmentation augmentation;

    /** An assembler without device augmentations ({@link ImuAugmentation#NONE}). */
    public BatchAssembler(List<Session> sessions, Map<String, String> datasetDescriptions, LabelVocabulary vocabulary,
                          LabelTextAugmenter augmenter, Patcher patcher, double maxSeconds, double minCropSeconds) {
        this(sessions, datasetDescriptions, vocabulary, augmenter, patcher, maxSeconds, minCropSeconds,
                ImuAugmentation.NONE);
    }

    /**
     * @param sessions            the sessions items refer to
     * @param datasetDescriptions dataset name → its model-input description
     * @param maxSeconds          longest window fed to the model (longer sessions are cropped)
     * @param minCropSeconds      shortest random crop in training
     * @param augmentation        device augmentations of training samples (validation samples are never augmented)
     */
    public BatchAssembler(List<Session> sessions, Map<String, String> datasetDescriptions, LabelVocabulary vocabulary,
                          LabelTextAugmenter augmenter, Patcher patcher, double maxSeconds, double minCropSeconds,
                          ImuAugmentation augmentation) {
        this.augmentation = augmentation;
        this.sessions = List.copyOf(sessions);
        this.datasetDescriptions = Map.copyOf(datasetDescriptions);
        this.vocabulary = vocabulary;
        this.augmenter = augmenter;
        this.patcher = patcher;
        this.maxSeconds = maxSeconds;
        this.minCropSeconds = minCropSeconds;
        for (Session s : sessions) {
            if (!datasetDescriptions.containsKey(s.dataset())) {
                throw new IllegalArgumentException("no description for dataset '" + s.dataset() + "'");
            }
            vocabulary.groupOf(s.label());
        }
    }

    public List<Session> sessions() {
        return sessions;
    }

    /** The window a training or validation sample is cut to, {@code [channel][t]}. */
    float[][] window(Session s, boolean train, Random rng) {
        int n = s.length();
        int maxLen = (int) Math.floor(maxSeconds * s.rateHz());
        if (!train) {
            return n <= maxLen ? s.samples() : slice(s.samples(), 0, maxLen);
        }
        int minLen = Math.min(n, (int) Math.ceil(minCropSeconds * s.rateHz()));
        int hi = Math.min(n, maxLen);
        int len = hi <= minLen ? hi : minLen + rng.nextInt(hi - minLen + 1);
        int start = n == len ? 0 : rng.nextInt(n - len + 1);
        float[][] w = slice(s.samples(), start, start + len);
        if (rng.nextDouble() < JITTER_P) {
            if (w == s.samples()) w = slice(w, 0, n);
            for (float[] ch : w) for (int t = 0; t < ch.length; t++) ch[t] += (float) (rng.nextGaussian() * JITTER_SIGMA);
        }
        return w;
    }

    private static float[][] slice(float[][] x, int from, int to) {
        float[][] out = new float[x.length][];
        for (int c = 0; c < x.length; c++) out[c] = java.util.Arrays.copyOfRange(x[c], from, to);
        return out;
    }

    /** Assembles a batch of session indices. */
    public TrainingBatch assemble(int[] items, boolean train, Random rng) {
        List<PatchedWindow> windows = new ArrayList<>(items.length);
        List<List<String>> descriptions = new ArrayList<>(items.length);
        Map<String, Integer> labelRows = new LinkedHashMap<>();
        long[] labelIndex = new long[items.length];
        List<String> raw = new ArrayList<>(items.length);
        List<String> groups = new ArrayList<>(items.length);
        List<String> ids = new ArrayList<>(items.length);
        for (int i = 0; i < items.length; i++) {
            Session s = sessions.get(items[i]);
            float[][] w = window(s, train, rng);
            List<io.tsfm.core.data.Channel> channels = s.channels();
            boolean keepDatasetText = true;
            if (train && augmentation != ImuAugmentation.NONE) {
                ImuAugmentation.Augmented a = augmentation.apply(w, channels, s.rateHz(), true, rng);
                w = a.samples();
                channels = a.channels();
                keepDatasetText = a.keepDatasetDescription();
            }
            double duration = w[0].length / s.rateHz();
            PatchSizes sizes = PatchSizes.forDataset(s.dataset());
            double p = train ? sizes.sample(duration, rng) : Math.min(sizes.defaultSeconds(), duration);
            PatchedWindow pw = patcher.patch(w, s.rateHz(), p);
            windows.add(pw);
            descriptions.add(ChannelDescriptions.describeAll(keepDatasetText ? datasetDescriptions.get(s.dataset()) : null,
                    channels, s.rateHz(), p));
            String text = train ? augmenter.augment(s.dataset(), s.label(), rng) : s.label();
            labelIndex[i] = labelRows.computeIfAbsent(text, k -> labelRows.size());
            raw.add(s.label());
            groups.add(vocabulary.groupOf(s.label()));
            ids.add(s.dataset() + "/" + s.id());
        }
        return TrainingBatch.of(PatchBatch.collate(windows, descriptions), List.copyOf(labelRows.keySet()), labelIndex,
                raw, groups, ids);
    }

    /** Every channel description and label text training can produce, so their embeddings can be computed once. */
    public java.util.Set<String> allTexts() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        out.add(ChannelDescriptions.PAD);
        Map<String, Session> firstPerLayout = new LinkedHashMap<>();
        Map<String, java.util.Set<String>> labelsByDataset = new LinkedHashMap<>();
        for (Session s : sessions) {
            firstPerLayout.putIfAbsent(s.dataset() + "|" + s.rateHz() + "|" + s.channels(), s);
            labelsByDataset.computeIfAbsent(s.dataset(), k -> new java.util.TreeSet<>()).add(s.label());
        }
        for (Session s : firstPerLayout.values()) {
            PatchSizes sizes = PatchSizes.forDataset(s.dataset());
            java.util.Set<Double> ps = new java.util.TreeSet<>(sizes.grid(Double.MAX_VALUE));
            ps.add(sizes.defaultSeconds());
            for (double p : ps) {
                for (List<io.tsfm.core.data.Channel> variant : augmentation.channelVariants(s.channels())) {
                    out.addAll(ChannelDescriptions.describeAll(datasetDescriptions.get(s.dataset()), variant, s.rateHz(), p));
                    if (augmentation.descriptionDropoutP() > 0) {
                        out.addAll(ChannelDescriptions.describeAll(null, variant, s.rateHz(), p));
                    }
                }
            }
        }
        labelsByDataset.forEach((ds, labels) -> out.addAll(augmenter.allTexts(ds, labels)));
        return out;
    }
}
