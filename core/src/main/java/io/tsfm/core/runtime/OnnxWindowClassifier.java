package io.tsfm.core.runtime;

import io.tsfm.core.ort.ExecutionDevice;
import io.tsfm.core.ort.OrtSupport;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.tsfm.core.annotation.PublicApi;
import io.tsfm.core.math.EmbeddingMath;
import io.tsfm.core.preprocess.PatchBatch;
import io.tsfm.core.preprocess.PatchedWindow;
import io.tsfm.core.preprocess.Patcher;
import io.tsfm.core.text.MiniLmTextEncoder;
import io.tsfm.core.text.TextEncoder;
import io.tsfm.schemas.bundle.BundleManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zero-shot classification with a model bundle in ONNX Runtime: the {@link WindowClassifier} the streaming job, the
 * edge client and the benchmark use.
 *
 * <p>Per call: every window is checked and patch-tokenised with core's {@link Patcher} and the bundle's patch length
 * (bad windows come back as error results, the rest are classified); the channel descriptions' text vectors are
 * computed once per distinct string and cached ({@code channel_text.onnx} over the frozen text encoder's token
 * states); windows of equal channel and patch count are batched (up to {@link Builder#optMaxBatchSize}) through
 * {@code model.onnx}; the session embedding is the L2-normalised mean of the unit patch embeddings; labels are
 * scored by cosine (or per-patch vote, {@link Scoring#PATCH_VOTE}) and the top k returned. Label embeddings come
 * from the bundle's table for vocabulary labels and are computed once and cached for any other text (frozen: the
 * text encoder's pooled sentence embedding; learnable: {@code label_bank.onnx}).
 *
 * <p>{@link #classify} is closed-set over any {@link LabelSet}; {@link #classifyOpenSet} scores the bundle's whole
 * vocabulary and reports synonym groups (spec §6.3).
 *
 * <p>ONNX Runtime runs on CPU unless {@link ExecutionDevice#CUDA} is requested; when CUDA cannot be enabled the
 * classifier logs one warning, records it ({@link #fallbackWarning()}) and runs on CPU.
 *
 * <p>Thread-safe: any number of threads may call {@link #classify}, {@link #classifyOpenSet} and {@link #embed} at
 * once (ONNX Runtime sessions allow concurrent runs; the text caches are concurrent maps; the text encoder is
 * thread-safe). {@link #close()} waits for running calls; later calls fail with {@link IllegalStateException}.
 */
@PublicApi
public final class OnnxWindowClassifier implements WindowClassifier {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxWindowClassifier.class);

    private final ModelBundle bundle;
    private final OrtSession model;
    private final OrtSession channelText;
    private final OrtSession labelBank;
    private final TextEncoder encoder;
    private final AutoCloseable ownedEncoder;
    private final TextSide text;
    private final Patcher patcher;
    private final double patchSeconds;
    private final boolean perPatch;
    private final boolean amplitudeStats;
    private final int dModel;
    private final int maxBatchSize;
    private final Scoring scoring;
    private final ExecutionDevice device;
    private final String fallbackWarning;
    private final List<String> vocabularyGroups;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private OnnxWindowClassifier(Builder b, ModelBundle bundle) throws IOException {
        this.bundle = bundle;
        BundleManifest m = bundle.manifest();
        this.scoring = b.scoring;
        this.maxBatchSize = b.maxBatchSize;
        this.patchSeconds = m.preprocessing().patchSeconds();
        this.patcher = bundle.patcher();
        this.dModel = m.dimensions().dModel();

        TextEncoder enc = b.textEncoder;
        AutoCloseable owned = null;
        if (enc == null) {
            MiniLmTextEncoder minilm = MiniLmTextEncoder.builder().optMaxTokens(bundle.textMaxTokens())
                    .optIntraOpThreads(Math.max(1, b.intraOpThreads)).build();
            enc = minilm;
            owned = minilm;
        }
        if (!enc.modelId().equals(bundle.textModelId())) {
            closeQuietly(owned);
            throw new BundleException(bundle.directory(), "the model was trained with text encoder "
                    + bundle.textModelId() + " (" + bundle.textMaxTokens() + " tokens), but the text encoder given has id "
                    + enc.modelId() + " (" + enc.maxTokens() + " tokens); label and channel texts would be embedded "
                    + "differently");
        }
        this.encoder = enc;
        this.ownedEncoder = owned;

        OrtSession mdl = null;
        OrtSession ct = null;
        OrtSession lb = null;
        String warning = null;
        ExecutionDevice used = ExecutionDevice.CPU;
        try (OrtSupport.Options o = OrtSupport.options(b.intraOpThreads, b.interOpThreads, b.device)) {
            OrtSession.SessionOptions opts = o.options();
            used = o.device();
            warning = o.warning();
            if (warning != null) LOG.warn(warning);
            mdl = OrtSupport.ENV.createSession(bundle.file(BundleLayout.ROLE_MODEL).orElseThrow(), opts);
            ct = OrtSupport.ENV.createSession(bundle.file(BundleLayout.ROLE_CHANNEL_TEXT).orElseThrow(), opts);
            if (bundle.labelEncoder() == LabelEncoderKind.LEARNABLE) {
                lb = OrtSupport.ENV.createSession(bundle.file(BundleLayout.ROLE_LABEL_BANK).orElseThrow(), opts);
            }
        } catch (OrtException e) {
            closeSessions(mdl, ct, lb);
            closeQuietly(owned);
            throw new BundleException(bundle.directory(), "ONNX Runtime cannot load the bundle's graphs: "
                    + e.getMessage(), e);
        }
        this.model = mdl;
        this.channelText = ct;
        this.labelBank = lb;
        this.device = used;
        this.fallbackWarning = warning;
        this.perPatch = model.getOutputNames().contains(BundleLayout.PATCH_EMB);
        this.amplitudeStats = model.getInputNames().contains(BundleLayout.PATCH_STATS);
        if (!perPatch && scoring == Scoring.PATCH_VOTE) {
            close();
            throw new IllegalArgumentException("per-patch voting needs a per-patch tier; bundle "
                    + bundle.directory() + " (tier " + m.tier() + ") outputs one embedding per window");
        }
        this.text = new TextSide(bundle, encoder, channelText, labelBank);
        List<String> groups = new ArrayList<>();
        for (String l : bundle.labels()) groups.add(bundle.groupOf(l));
        this.vocabularyGroups = List.copyOf(groups);
    }

    /** A builder: {@code setBundle} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A CPU classifier with default settings. */
    public static OnnxWindowClassifier open(Path bundle) throws IOException {
        return builder().setBundle(bundle).build();
    }

    @Override
    public String modelId() {
        return bundle.id();
    }

    /** The verified bundle. */
    public ModelBundle bundle() {
        return bundle;
    }

    /** The device the model actually runs on. */
    public ExecutionDevice device() {
        return device;
    }

    /** The warning logged when CUDA was requested but the model runs on CPU. */
    public Optional<String> fallbackWarning() {
        return Optional.ofNullable(fallbackWarning);
    }

    /** The scoring of {@link #classify} and {@link #classifyOpenSet}. */
    public Scoring scoring() {
        return scoring;
    }

    /** The bundle's whole vocabulary as a label set (id {@code bundle:<first 12 hex of the bundle id>}). */
    public LabelSet vocabulary() {
        return new LabelSet("bundle:" + bundle.id().substring(0, 12), 1, bundle.labels());
    }

    /**
     * Closed-set classification: each window's top {@code k} labels of {@code labels} (fewer if the set is smaller).
     *
     * @throws IllegalArgumentException if {@code k < 1}
     */
    @Override
    public List<Classification> classify(List<SensorWindow> windows, LabelSet labels, int k) {
        Objects.requireNonNull(labels, "labels");
        requirePositive(k);
        return guarded(() -> {
            float[][] lbl = text.labelEmbeddings(labels.labels());
            List<WindowEmbedding> emb = embedOpen(windows);
            List<Classification> out = new ArrayList<>(emb.size());
            for (WindowEmbedding w : emb) {
                if (!w.ok()) {
                    out.add(new Classification(w.windowId(), List.of(), w.error()));
                    continue;
                }
                float[] s = Ranking.scores(w, lbl, scoring);
                List<Classification.ScoredLabel> top = new ArrayList<>();
                for (int j : Ranking.topK(s, k)) top.add(new Classification.ScoredLabel(labels.labels().get(j), s[j]));
                out.add(new Classification(w.windowId(), List.copyOf(top), null));
            }
            return out;
        });
    }

    /**
     * Open-set classification (spec §6.3): every label of the bundle's vocabulary is scored, scores are aggregated
     * per synonym group, and each window's top {@code k} groups come back with their best member label.
     *
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public List<OpenSetClassification> classifyOpenSet(List<SensorWindow> windows, int k) {
        requirePositive(k);
        return guarded(() -> {
            float[][] lbl = text.labelEmbeddings(bundle.labels());
            List<WindowEmbedding> emb = embedOpen(windows);
            List<OpenSetClassification> out = new ArrayList<>(emb.size());
            for (WindowEmbedding w : emb) {
                if (!w.ok()) {
                    out.add(new OpenSetClassification(w.windowId(), List.of(), w.error()));
                    continue;
                }
                List<Ranking.GroupScore> groups = Ranking.byGroup(Ranking.scores(w, lbl, scoring), vocabularyGroups,
                        scoring);
                float[] gs = new float[groups.size()];
                for (int i = 0; i < gs.length; i++) gs[i] = groups.get(i).score();
                List<OpenSetClassification.ScoredGroup> top = new ArrayList<>();
                for (int i : Ranking.topK(gs, k)) {
                    Ranking.GroupScore g = groups.get(i);
                    top.add(new OpenSetClassification.ScoredGroup(g.group(), bundle.labels().get(g.bestLabel()),
                            g.score()));
                }
                out.add(new OpenSetClassification(w.windowId(), List.copyOf(top), null));
            }
            return out;
        });
    }

    /** The model's embeddings of the windows, one result per window in order (bad windows as error results). */
    public List<WindowEmbedding> embed(List<SensorWindow> windows) {
        return guarded(() -> embedOpen(windows));
    }

    /** Unit embeddings of label texts as {@link #classify} scores them, one row per text. */
    public float[][] labelEmbeddings(List<String> labels) {
        return guarded(() -> text.labelEmbeddings(labels));
    }

    /** ChannelTextFusion text vectors {@code ch} of channel descriptions, one row per text. */
    public float[][] channelEmbeddings(List<String> descriptions) {
        return guarded(() -> text.channelEmbeddings(descriptions));
    }

    private List<WindowEmbedding> embedOpen(List<SensorWindow> windows) {
        Objects.requireNonNull(windows, "windows");
        int n = windows.size();
        PreparedWindow[] prepared = new PreparedWindow[n];
        WindowEmbedding[] out = new WindowEmbedding[n];
        LinkedHashSet<String> descriptions = new LinkedHashSet<>();
        Map<String, List<Integer>> byShape = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            PreparedWindow p = PreparedWindow.of(windows.get(i), i, patcher, patchSeconds);
            prepared[i] = p;
            if (!p.ok()) {
                out[i] = new WindowEmbedding(p.id(), null, null, p.error());
                continue;
            }
            descriptions.addAll(p.descriptions());
            // equal channel and patch counts batch without any padding
            String key = p.patched().numChannels() + "x" + p.patched().numPatches();
            byShape.computeIfAbsent(key, x -> new ArrayList<>()).add(i);
        }
        if (byShape.isEmpty()) return Arrays.asList(out);
        List<String> distinct = new ArrayList<>(descriptions);
        float[][] ch = text.channelEmbeddings(distinct);
        Map<String, float[]> chOf = new HashMap<>();
        for (int i = 0; i < distinct.size(); i++) chOf.put(distinct.get(i), ch[i]);
        for (List<Integer> group : byShape.values()) {
            for (int from = 0; from < group.size(); from += maxBatchSize) {
                List<Integer> batch = group.subList(from, Math.min(group.size(), from + maxBatchSize));
                runBatch(batch, prepared, chOf, out);
            }
        }
        return Arrays.asList(out);
    }

    private void runBatch(List<Integer> items, PreparedWindow[] prepared, Map<String, float[]> chOf,
                          WindowEmbedding[] out) {
        List<PatchedWindow> windows = new ArrayList<>(items.size());
        for (int i : items) windows.add(prepared[i].patched());
        PatchBatch pb = PatchBatch.collate(windows);
        int b = pb.batchSize();
        int p = pb.maxPatches();
        int c = pb.maxChannels();
        float[] channelEmb = new float[b * c * dModel];
        for (int r = 0; r < b; r++) {
            List<String> d = prepared[items.get(r)].descriptions();
            for (int j = 0; j < c; j++) System.arraycopy(chOf.get(d.get(j)), 0, channelEmb, (r * c + j) * dModel, dModel);
        }
        Map<String, OrtSupport.Input> in = new HashMap<>();
        in.put(BundleLayout.PATCHES, new OrtSupport.Input(pb.patches(), pb.patchesShape()));
        in.put(BundleLayout.CHANNEL_EMB, new OrtSupport.Input(channelEmb, b, c, dModel));
        in.put(BundleLayout.CHANNEL_MASK, new OrtSupport.Input(pb.channelMask(), b, c));
        in.put(BundleLayout.PATCH_MASK, new OrtSupport.Input(pb.patchMask(), b, p));
        if (amplitudeStats) in.put(BundleLayout.PATCH_STATS, new OrtSupport.Input(pb.patchStats(), pb.patchStatsShape()));
        OrtSupport.Output o = OrtSupport.run(model, "model.onnx", in,
                perPatch ? BundleLayout.PATCH_EMB : BundleLayout.WINDOW_EMB);
        int e = (int) o.shape()[o.shape().length - 1];
        for (int r = 0; r < b; r++) {
            String id = prepared[items.get(r)].id();
            if (!perPatch) {
                out[items.get(r)] = new WindowEmbedding(id, Arrays.copyOfRange(o.data(), r * e, (r + 1) * e), null,
                        null);
                continue;
            }
            float[][] patches = new float[p][];
            for (int q = 0; q < p; q++) {
                patches[q] = Arrays.copyOfRange(o.data(), (r * p + q) * e, (r * p + q + 1) * e);
            }
            out[items.get(r)] = new WindowEmbedding(id, EmbeddingMath.normalizedMean(patches), patches, null);
        }
    }

    private static void requirePositive(int k) {
        if (k < 1) throw new IllegalArgumentException("k must be at least 1, got " + k);
    }

    private <T> T guarded(java.util.function.Supplier<T> body) {
        lifecycle.readLock().lock();
        try {
            if (closed) throw new IllegalStateException("classifier for bundle " + bundle.directory() + " is closed");
            return body.get();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Releases the ONNX sessions and the text encoder it created; waits for running calls. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) return;
            closed = true;
            closeSessions(model, channelText, labelBank);
            closeQuietly(ownedEncoder);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private static void closeSessions(OrtSession... sessions) {
        for (OrtSession s : sessions) {
            if (s == null) continue;
            try {
                s.close();
            } catch (OrtException e) {
                LOG.warn("closing an ONNX session failed: {}", e.getMessage());
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("closing the text encoder failed: {}", e.getMessage());
        }
    }

    /** Builder: {@code setBundle} required, the rest optional. */
    public static final class Builder {
        private Path bundle;
        private ExecutionDevice device = ExecutionDevice.CPU;
        private int intraOpThreads;
        private int interOpThreads;
        private int maxBatchSize = 64;
        private Scoring scoring = Scoring.MEAN_EMBEDDING;
        private TextEncoder textEncoder;

        private Builder() {}

        /** The bundle directory (required). */
        public Builder setBundle(Path bundle) {
            this.bundle = Objects.requireNonNull(bundle, "bundle");
            return this;
        }

        /** CPU (default) or CUDA with CPU fallback. */
        public Builder optDevice(ExecutionDevice device) {
            this.device = Objects.requireNonNull(device, "device");
            return this;
        }

        /** ONNX Runtime intra-op threads per call (default: ONNX Runtime's choice, one per core). */
        public Builder optIntraOpThreads(int threads) {
            if (threads < 1) throw new IllegalArgumentException("intra-op threads must be at least 1, got " + threads);
            this.intraOpThreads = threads;
            return this;
        }

        /** ONNX Runtime inter-op threads (default: ONNX Runtime's choice). */
        public Builder optInterOpThreads(int threads) {
            if (threads < 1) throw new IllegalArgumentException("inter-op threads must be at least 1, got " + threads);
            this.interOpThreads = threads;
            return this;
        }

        /** Windows per model run (default 64); larger batches are split. */
        public Builder optMaxBatchSize(int size) {
            if (size < 1) throw new IllegalArgumentException("max batch size must be at least 1, got " + size);
            this.maxBatchSize = size;
            return this;
        }

        /** Label scoring (default {@link Scoring#MEAN_EMBEDDING}). */
        public Builder optScoring(Scoring scoring) {
            this.scoring = Objects.requireNonNull(scoring, "scoring");
            return this;
        }

        /**
         * A thread-safe text encoder to share (e.g. one wrapped in a disk cache); the caller keeps ownership. It must
         * have the model id the bundle was trained with. Default: a MiniLM encoder of the bundle's truncation
         * length, owned and closed by the classifier.
         */
        public Builder optTextEncoder(TextEncoder encoder) {
            this.textEncoder = Objects.requireNonNull(encoder, "encoder");
            return this;
        }

        /**
         * Verifies the bundle and loads its graphs and the text encoder.
         *
         * @throws BundleException naming the file at fault when the bundle is missing, partial, tampered with or
         *                         inconsistent, or was trained with another text encoder
         * @throws IOException     when a file cannot be read
         */
        public OnnxWindowClassifier build() throws IOException {
            if (bundle == null) throw new IllegalStateException("setBundle is required");
            return new OnnxWindowClassifier(this, ModelBundle.open(bundle));
        }
    }
}
