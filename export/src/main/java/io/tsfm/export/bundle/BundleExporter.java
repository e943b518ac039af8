package io.tsfm.export.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsfm.core.data.npy.Npy;
import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.core.preprocess.Patcher;
import io.tsfm.core.preprocess.PatchingConfig;
import io.tsfm.core.runtime.BundleLayout;
import io.tsfm.core.runtime.LabelEncoderKind;
import io.tsfm.core.runtime.OnnxWindowClassifier;
import io.tsfm.core.text.CachedTextEncoder;
import io.tsfm.core.text.MiniLmTextEncoder;
import io.tsfm.core.text.TextEmbeddingCache;
import io.tsfm.core.text.TextEncoder;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.datasets.eval.DatasetWindows;
import io.tsfm.export.djl.DjlInference;
import io.tsfm.export.djl.DjlParameterSource;
import io.tsfm.export.djl.GraphConfigs;
import io.tsfm.export.onnx.TextOnnxGraph;
import io.tsfm.export.onnx.TsfmOnnxGraph;
import io.tsfm.export.onnx.graph.OnnxGraph;
import io.tsfm.export.onnx.params.ParameterSource;
import io.tsfm.schemas.bundle.BundleManifest;
import io.tsfm.training.model.config.TsfmConfig;
import io.tsfm.training.run.Checkpoint;
import io.tsfm.training.run.CheckpointProvenance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Turns a training checkpoint into a model bundle ({@link BundleLayout}), or refuses to.
 *
 * <p>The exporter loads the checkpoint in DJL, builds {@code model.onnx} (the IMU network), {@code channel_text.onnx}
 * (ChannelTextFusion's text side) and, for learnable label encoders, {@code label_bank.onnx} from its weights,
 * embeds the vocabulary (the labels of the checkpoint's training datasets, or of those of them chosen with
 * {@link Builder#optVocabularyDatasets}, with their synonym groups) into
 * {@code label_embeddings.npy}, and writes the manifest (tier, widths, serving preprocessing of 1.0 s patches as in
 * the spec's evaluation protocol, vocabulary, provenance copied from the checkpoint, validation metrics, opset, size
 * and SHA-256 of every file). It then opens the bundle with the serving runtime and runs real 6 s windows of the
 * parity datasets through it and through DJL ({@link ParityCheck}); if any embedding differs by more than the
 * tolerance (1e-4 by default) or any predicted label differs, the bundle is deleted and a {@link ParityException}
 * thrown. The bundle is assembled in a temporary sibling folder and moved into place only after it passed, so the
 * output path never holds a partial or unchecked bundle.
 *
 * <p>Not thread-safe; one export per instance.
 */
public final class BundleExporter {

    /** Serving patch length: the spec's evaluation protocol (§6.2) uses 1.0 s patches for every dataset. */
    public static final double SERVING_PATCH_SECONDS = 1.0;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Builder b;

    private BundleExporter(Builder b) {
        this.b = b;
    }

    /** A builder: {@code setCheckpoint} and {@code setOutput} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What an export produced.
     *
     * @param bundle   the bundle directory
     * @param bundleId SHA-256 of its manifest
     * @param parity   the parity measurement it passed
     * @param files    the files besides the manifest
     */
    public record Result(Path bundle, String bundleId, ParityReport parity, List<BundleManifest.BundleFile> files) {}

    /**
     * Exports the checkpoint.
     *
     * @throws ParityException when the graphs do not reproduce DJL (nothing is written)
     * @throws IOException     for an unreadable or unsupported checkpoint, a missing dataset, or an existing output
     *                         without {@code optOverwrite}
     */
    public Result export() throws IOException {
        Path ckpt = b.checkpoint;
        Path out = b.output.toAbsolutePath().normalize();
        if (Files.exists(out) && !b.overwrite) {
            throw new IOException("output " + out + " exists; choose another path or allow overwriting");
        }
        if (Files.exists(out) && !Files.isRegularFile(out.resolve(BundleLayout.MANIFEST))) {
            throw new IOException("output " + out + " exists and is not a model bundle (no " + BundleLayout.MANIFEST
                    + "); refusing to replace it");
        }
        TsfmConfig cfg = Checkpoint.readConfig(ckpt);
        tier(cfg, ckpt);
        CheckpointProvenance prov = CheckpointProvenance.read(ckpt);
        JsonNode provenanceAsWritten = CheckpointProvenance.readTree(ckpt);
        boolean frozen = require(prov.labelEncoder(), BundleLayout.PROVENANCE_LABEL_ENCODER, ckpt)
                == LabelEncoderKind.FROZEN;
        int maxTokens = require(prov.textMaxTokens(), BundleLayout.PROVENANCE_TEXT_MAX_TOKENS, ckpt);
        String textModel = require(prov.textModel(), BundleLayout.PROVENANCE_TEXT_MODEL, ckpt);
        if (!cfg.isUseChannelTextFusion()) {
            throw new IOException(ckpt + ": the model has ChannelTextFusion disabled; bundles serve models with it");
        }
        Map<String, Integer> ds = prov.datasets();
        if (ds == null || ds.isEmpty()) {
            throw new IOException(ckpt + ": provenance lists no training datasets; the bundle vocabulary is theirs");
        }
        List<String> training = new ArrayList<>();
        training.addAll(ds.keySet());
        List<String> parityDatasets = b.parityDatasets != null ? b.parityDatasets : training;
        List<String> vocabularyDatasets = b.vocabularyDatasets != null ? b.vocabularyDatasets : training;
        for (String name : vocabularyDatasets) {
            if (!training.contains(name)) {
                // a label the model never trained on has no place in its default vocabulary (and a test set's
                // labels there would leak into open-set scoring)
                throw new IllegalArgumentException("--vocabulary-datasets: " + name + " is not a training dataset of "
                        + ckpt + " (" + String.join(", ", training) + ")");
            }
        }

        try (MiniLmTextEncoder minilm = MiniLmTextEncoder.builder().optMaxTokens(maxTokens).build()) {
            if (!minilm.modelId().equals(textModel)) {
                throw new IOException(ckpt + " was trained with text model " + textModel + "; this build's MiniLM "
                        + "(" + maxTokens + " tokens) is " + minilm.modelId());
            }
            if (cfg.getContrastiveTextDim() != minilm.hiddenSize()) {
                throw new IOException(ckpt + ": the model reads " + cfg.getContrastiveTextDim() + "-d text states ("
                        + cfg.getContrastiveTextModel() + "); only MiniLM (" + minilm.hiddenSize() + "-d) is available");
            }
            TextEncoder enc = new CachedTextEncoder(minilm, TextEmbeddingCache.openDefault());
            DatasetCatalog catalog = DatasetCatalog.load(b.root);
            Map<String, Dataset> datasets = new LinkedHashMap<>();
            for (String name : new LinkedHashSet<>(concat(training, parityDatasets))) {
                b.log.println("tsfm export: reading " + name);
                datasets.put(name, catalog.read(name, b.root));
            }
            TreeSet<String> vocab = new TreeSet<>();
            for (String name : vocabularyDatasets) vocab.addAll(datasets.get(name).manifest().labels());
            List<String> vocabulary = List.copyOf(vocab);
            LabelVocabulary groups = LabelVocabulary.defaults();

            int maxPatches = GraphConfigs.servingMaxPatches(cfg);
            Patcher patcher = new Patcher(PatchingConfig.builder().optMaxPatches(maxPatches).build());
            List<ParityCheck.WindowSet> sets = new ArrayList<>();
            for (String name : parityDatasets) {
                Dataset d = datasets.get(name);
                sets.add(new ParityCheck.WindowSet(name, d.manifest().labels(),
                        DatasetWindows.spread(DatasetWindows.of(d, SERVING_PATCH_SECONDS), b.parityWindows)));
            }

            try (DjlInference djl = DjlInference.load(ckpt, enc)) {
                ParameterSource modelParams = b.parameterTransform.apply(DjlParameterSource.of(djl.network().getModel()));
                TsfmOnnxGraph model = TsfmOnnxGraph.build(GraphConfigs.of(cfg), modelParams);
                TextOnnxGraph channelText = TextOnnxGraph.channelText(modelParams, "channel_text_fusion",
                        cfg.getContrastiveTextDim(), cfg.getDModel(), cfg.getChannelTextNumQueries(),
                        cfg.getChannelTextNumHeads());
                TextOnnxGraph labelBank = frozen ? null : TextOnnxGraph.labelBank(
                        b.parameterTransform.apply(DjlParameterSource.of(djl.network().getLabelBank())), "pooling",
                        cfg.getSemanticDim(), cfg.getLabelBankNumQueries(), cfg.getLabelBankNumHeads());
                float[][] vocabularyEmb = djl.labelEmbeddings(vocabulary, frozen);

                Files.createDirectories(out.getParent());
                Path tmp = Files.createTempDirectory(out.getParent(), out.getFileName() + ".tmp-");
                try {
                    BundleWriter w = new BundleWriter(tmp);
                    w.addFile(BundleLayout.MODEL_FILE, BundleLayout.ROLE_MODEL, model.toBytes());
                    w.addFile(BundleLayout.CHANNEL_TEXT_FILE, BundleLayout.ROLE_CHANNEL_TEXT, channelText.toBytes());
                    if (labelBank != null) {
                        w.addFile(BundleLayout.LABEL_BANK_FILE, BundleLayout.ROLE_LABEL_BANK, labelBank.toBytes());
                    }
                    w.addFile(BundleLayout.LABEL_EMBEDDINGS_FILE, BundleLayout.ROLE_LABEL_EMBEDDINGS,
                            npy(vocabularyEmb));
                    Map<String, String> provenance = flatten(provenanceAsWritten);
                    provenance.put("checkpoint", ckpt.toAbsolutePath().normalize().toString());
                    provenance.put("exported", Instant.now().toString());
                    provenance.put("vocabulary", "labels of the training datasets " + vocabularyDatasets);
                    BundleManifest template = manifest(cfg, maxPatches, vocabulary, groups, provenance,
                            metrics(prov));
                    w.writeManifest(template);

                    ParityReport report;
                    try (OnnxWindowClassifier ort = OnnxWindowClassifier.builder().setBundle(tmp)
                            .optTextEncoder(enc).build()) {
                        report = ParityCheck.run(djl, ort, sets, patcher, SERVING_PATCH_SECONDS, vocabulary,
                                vocabularyEmb, frozen, b.tolerance);
                    }
                    b.log.println("tsfm export: " + report);
                    if (!report.passed()) {
                        throw new ParityException(report);
                    }
                    provenance.put("parity_windows", Integer.toString(report.windows()));
                    provenance.put("parity_datasets", String.join(",", report.datasets()));
                    provenance.put("parity_max_abs_diff", String.format(Locale.ROOT, "%.3e", report.maxDiff()));
                    String id = w.writeManifest(manifest(cfg, maxPatches, vocabulary, groups, provenance,
                            metrics(prov)));
                    BundleWriter.delete(out);
                    Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
                    return new Result(out, id, report, w.files());
                } finally {
                    BundleWriter.delete(tmp);
                }
            }
        }
    }

    private static BundleManifest manifest(TsfmConfig cfg, int maxPatches, List<String> vocabulary,
                                           LabelVocabulary vocab, Map<String, String> provenance,
                                           Map<String, Double> metrics) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String label : vocabulary) groups.computeIfAbsent(vocab.groupOf(label), g -> new ArrayList<>()).add(label);
        return new BundleManifest(BundleManifest.FORMAT_VERSION,
                tier(cfg),
                new BundleManifest.Dimensions(cfg.getDModel(), cfg.getDModelFused(), cfg.getSemanticDim(),
                        cfg.getNumHeads(), cfg.getNumTemporalLayers()),
                new BundleManifest.Preprocessing(SERVING_PATCH_SECONDS, PatchingConfig.STEPS, maxPatches,
                        new BundleManifest.Normalization("zscore_per_patch_channel", PatchingConfig.DEFAULT_STD_FLOOR),
                        "linear"),
                new BundleManifest.Labels(vocab.version(), vocabulary, groups),
                OnnxGraph.OPSET, provenance, metrics, List.of());
    }

    private static BundleManifest.Tier tier(TsfmConfig cfg) {
        return BundleManifest.Tier.valueOf(cfg.getTier().toUpperCase(Locale.ROOT));
    }

    private static void tier(TsfmConfig cfg, Path ckpt) throws IOException {
        try {
            tier(cfg);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException(ckpt + ": tier '" + cfg.getTier() + "' is not a bundle tier (micro, tiny, small, "
                    + "small_deep, medium, large)");
        }
    }

    private static byte[] npy(float[][] rows) throws IOException {
        int e = rows[0].length;
        float[] flat = new float[rows.length * e];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, flat, i * e, e);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Npy.writeFloat32(bytes, flat, rows.length, e);
        return bytes.toByteArray();
    }

    private static <T> T require(T value, String key, Path ckpt) throws IOException {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw new IOException(ckpt.resolve(Checkpoint.PROVENANCE) + " lacks '" + key + "'; the bundle needs it");
        }
        return value;
    }

    /** Provenance as strings: text as is, everything else as compact JSON. */
    private static Map<String, String> flatten(JsonNode prov) {
        Map<String, String> out = new LinkedHashMap<>();
        prov.properties().forEach(e -> {
            JsonNode v = e.getValue();
            if (!v.isNull()) out.put(e.getKey(), v.isTextual() ? v.asText() : v.toString());
        });
        return out;
    }

    /** The checkpoint's numeric validation metrics. */
    private static Map<String, Double> metrics(CheckpointProvenance prov) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (prov.validation() != null) {
            prov.validation().forEach((k, v) -> {
                if (v != null && Double.isFinite(v)) out.put(k, v);
            });
        }
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Builder: {@code setX} required, {@code optX} optional. */
    public static final class Builder {
        private Path checkpoint;
        private Path output;
        private DataRoot root;
        private List<String> parityDatasets;
        private List<String> vocabularyDatasets;
        private int parityWindows = 32;
        private double tolerance = 1e-4;
        private boolean overwrite;
        private PrintStream log = System.err;
        private UnaryOperator<ParameterSource> parameterTransform = UnaryOperator.identity();

        private Builder() {}

        /** The checkpoint directory (required). */
        public Builder setCheckpoint(Path checkpoint) {
            this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
            return this;
        }

        /** The bundle directory to create (required). */
        public Builder setOutput(Path output) {
            this.output = Objects.requireNonNull(output, "output");
            return this;
        }

        /** Where the datasets are (default {@link DataRoot#resolve()}). */
        public Builder optDataRoot(DataRoot root) {
            this.root = Objects.requireNonNull(root, "root");
            return this;
        }

        /** Datasets whose windows the parity check runs (default: the checkpoint's training datasets). */
        public Builder optParityDatasets(List<String> datasets) {
            if (datasets.isEmpty()) throw new IllegalArgumentException("parity needs at least one dataset");
            this.parityDatasets = List.copyOf(datasets);
            return this;
        }

        /**
         * Training datasets whose labels make the bundle's vocabulary, the labels open-set classification chooses
         * among (default: all the checkpoint's training datasets). Each must be one of them.
         */
        public Builder optVocabularyDatasets(List<String> datasets) {
            if (datasets.isEmpty()) throw new IllegalArgumentException("the vocabulary needs at least one dataset");
            this.vocabularyDatasets = List.copyOf(datasets);
            return this;
        }

        /** Windows per parity dataset, spread over its subjects (default 32). */
        public Builder optParityWindows(int windows) {
            if (windows < 1) throw new IllegalArgumentException("parity needs at least one window, got " + windows);
            this.parityWindows = windows;
            return this;
        }

        /** Largest accepted |Δ| of any output (default 1e-4). */
        public Builder optTolerance(double tolerance) {
            if (!(tolerance > 0)) throw new IllegalArgumentException("tolerance must be positive, got " + tolerance);
            this.tolerance = tolerance;
            return this;
        }

        /** Replace an existing bundle at the output path (default false: refuse). */
        public Builder optOverwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        /** Progress and the parity report go here (default stderr). */
        public Builder optLog(PrintStream log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /** For tests: alters the weights the ONNX graphs are built from (DJL keeps the originals). */
        Builder parameterTransform(UnaryOperator<ParameterSource> transform) {
            this.parameterTransform = Objects.requireNonNull(transform, "transform");
            return this;
        }

        /** The exporter. */
        public BundleExporter build() {
            if (checkpoint == null) throw new IllegalStateException("setCheckpoint is required");
            if (output == null) throw new IllegalStateException("setOutput is required");
            if (root == null) root = DataRoot.resolve();
            return new BundleExporter(this);
        }
    }
}
