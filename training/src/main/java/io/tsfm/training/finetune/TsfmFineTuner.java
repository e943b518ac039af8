package io.tsfm.training.finetune;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import io.tsfm.core.preprocess.Patcher;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.core.text.MiniLmTextEncoder;
import io.tsfm.datasets.eval.DatasetWindows;
import io.tsfm.datasets.progress.ProgressBar;
import io.tsfm.training.model.Devices;
import io.tsfm.training.optim.AdamW;
import io.tsfm.training.run.CheckpointProvenance;
import io.tsfm.training.text.TextBank;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Supervised fine-tuning of a TSFM checkpoint (spec §6.5, metrics 3 and 4): a fresh copy of the whole IMU tower
 * (encoder, channel-text fusion, semantic head) is loaded from the checkpoint; the label embeddings of the label list
 * are computed once and frozen (or, with {@link Builder#optLearnableLabels}, trained as unit rows started at them);
 * logits are the pooled session embedding times the label embeddings over a fixed temperature 0.07; cross-entropy
 * (against a smoothed target with {@link Builder#optLabelSmoothing});
 * AdamW (lr 1e-5, weight decay 1e-5 on every parameter, no clipping); batches of 32 in a fresh shuffle each epoch; at
 * most 20 epochs; after each epoch the validation accuracy, the state of the best (strictly improving) epoch kept,
 * and training stopped after 5 epochs without improvement; the best state is restored and predicts the test windows
 * (argmax cosine over the label list). Per-patch tiers use the pooled session embedding (normalised mean of the unit
 * patch embeddings) throughout.
 *
 * <p>Preprocessing is core's {@link Patcher}, the one serving uses. Seeded: the shuffles come from a
 * {@link Random} of the seed, and the engine's generator (dropout) is seeded again before every batch from the seed,
 * the epoch and the batch, so a batch's dropout masks do not depend on whatever else drew from that shared generator
 * before it; a CPU run repeats exactly as far as the engine's kernels do. The GPU is used when the engine sees one (fp32; the reference's fp16
 * autocast is not reproduced). Not thread-safe; one run at a time per instance.
 */
public final class TsfmFineTuner {
    /** Name of the learnable label rows ({@link Builder#optLearnableLabels}) among the trained parameters. */
    static final String PROTOTYPES = "finetune_label_prototypes";

    private final Path checkpoint;
    private final List<DatasetWindows.Labeled> train;
    private final List<DatasetWindows.Labeled> validation;
    private final List<String> labels;
    private final TextBank text;
    private final double learningRate;
    private final double weightDecay;
    private final int batchSize;
    private final int maxEpochs;
    private final int patience;
    private final double temperature;
    private final long seed;
    private final Device device;
    private final Patcher patcher;
    private final double patchSeconds;
    private final PrintStream progress;
    private final String title;
    private final boolean learnableLabels;
    private final double labelSmoothing;

    private TsfmFineTuner(Builder b) {
        this.checkpoint = b.checkpoint;
        this.train = b.train;
        this.validation = b.validation;
        this.labels = b.labels;
        this.text = b.text;
        this.learningRate = b.learningRate;
        this.weightDecay = b.weightDecay;
        this.batchSize = b.batchSize;
        this.maxEpochs = b.maxEpochs;
        this.patience = b.patience;
        this.temperature = b.temperature;
        this.seed = b.seed;
        this.device = b.device;
        this.patcher = b.patcher;
        this.patchSeconds = b.patchSeconds;
        this.progress = b.progress;
        this.title = b.title;
        this.learnableLabels = b.learnableLabels;
        this.labelSmoothing = b.labelSmoothing;
    }

    /** A builder: {@code setCheckpoint}, {@code setTrain}, {@code setValidation} and {@code setLabels} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fine-tunes and predicts {@code test}.
     *
     * @throws IOException              when the checkpoint cannot be read
     * @throws IllegalArgumentException naming a window that cannot be patched or whose label is not in the label list
     */
    public FineTuneResult run(List<SensorWindow> test) throws IOException {
        long start = System.nanoTime();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) index.put(labels.get(i), i);
        int[] trainY = classes(train, index, "training");
        classes(validation, index, "validation"); // refuses a label outside the list before any work
        PatchedWindows trainW = new PatchedWindows(train.stream().map(DatasetWindows.Labeled::window).toList(),
                patcher, patchSeconds);
        PatchedWindows valW = new PatchedWindows(validation.stream().map(DatasetWindows.Labeled::window).toList(),
                patcher, patchSeconds);
        PatchedWindows testW = new PatchedWindows(test, patcher, patchSeconds);
        TreeSet<String> texts = new TreeSet<>(labels);
        texts.addAll(trainW.allDescriptions());
        texts.addAll(valW.allDescriptions());
        texts.addAll(testW.allDescriptions());

        MiniLmTextEncoder owned = null;
        TextBank bank = text;
        try {
            if (bank == null) {
                owned = MiniLmTextEncoder.builder().optMaxTokens(textMaxTokens(checkpoint)).build();
                bank = new TextBank(owned);
            }
            bank.precompute(texts);
            Engine.getInstance().setRandomSeed((int) seed);
            try (CheckpointModel model = CheckpointModel.load(checkpoint, bank, device)) {
                return train(model, trainW, trainY, valW, testW, start);
            }
        } finally {
            if (owned != null) owned.close();
        }
    }

    private FineTuneResult train(CheckpointModel model, PatchedWindows trainW, int[] trainY, PatchedWindows valW,
                                 PatchedWindows testW, long start) {
        List<String> valTruth = validation.stream().map(DatasetWindows.Labeled::label).toList();
        NDArray text = model.labelEmbeddings(labels);
        PairList<String, Parameter> params = new PairList<>();
        for (Pair<String, Parameter> p : model.net().getModel().getParameters()) params.add(p);
        Supplier<NDArray> labelRows = () -> text;
        if (learnableLabels) {
            // one row per label, started at its text embedding: the labelled windows may move a label away from
            // where its words put it, and the cosine logits keep each row's scale out of play
            Parameter rows = Parameter.builder().setName(PROTOTYPES).setType(Parameter.Type.WEIGHT).build();
            rows.setArray(text.duplicate());
            params.add(PROTOTYPES, rows);
            labelRows = () -> rows.getArray().div(rows.getArray().norm(new int[] {1}, true).add(1e-12f));
        }
        for (Pair<String, Parameter> p : params) p.getValue().getArray().setRequiresGradient(true);
        AdamW opt = new AdamW(model.manager(), learningRate, weightDecay);
        opt.setDecayRule(name -> true);
        ParameterStore ps = new ParameterStore(model.manager(), false);
        Random rng = new Random(seed);

        List<EpochRecord> history = new ArrayList<>();
        Map<String, float[]> best = snapshot(params);
        ClassProbabilities bestValidation = null; // the first epoch always improves on -∞, so it is set
        EarlyStopping stopping = new EarlyStopping(patience);
        boolean stoppedEarly = false;
        int[] order = new int[trainW.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        for (int epoch = 1; epoch <= maxEpochs; epoch++) {
            long t0 = System.nanoTime();
            shuffle(order, rng);
            ProgressBar bar = progress == null ? null : new ProgressBar(progress, String.format(Locale.ROOT,
                    "%s epoch %d/%d", title, epoch, maxEpochs), order.length, "windows", false, 30);
            double lossSum = 0;
            int batches = 0;
            int skipped = 0;
            for (int from = 0; from < order.length; from += batchSize) {
                int n = Math.min(batchSize, order.length - from);
                int[] items = java.util.Arrays.copyOfRange(order, from, from + n);
                int[] y = new int[n];
                for (int i = 0; i < n; i++) y[i] = trainY[items[i]];
                Engine.getInstance().setRandomSeed(stepSeed(epoch, from / batchSize));
                double loss = step(model, ps, opt, params, trainW, items, y, labelRows);
                if (!Double.isFinite(loss)) {
                    // as in training: a non-finite batch is dropped (no update) and counted, never applied
                    skipped++;
                    continue;
                }
                lossSum += loss;
                batches++;
                if (bar != null) bar.update(from + n, String.format(Locale.ROOT, "loss %.4f", lossSum / batches));
            }
            if (skipped * 2 > batches + skipped) {
                throw new FineTuningDivergedException("fine-tuning diverged: " + skipped + " of " + (batches + skipped)
                        + " batches of epoch " + epoch + " gave a non-finite loss (lr " + learningRate + ")");
            }
            ClassProbabilities val = probabilities(model, valW, labelRows);
            double acc = val.accuracy(valTruth);
            boolean improved = stopping.record(epoch, acc);
            if (improved) {
                best = snapshot(params);
                bestValidation = val;
            }
            history.add(new EpochRecord(epoch, lossSum / batches, acc, improved, (System.nanoTime() - t0) / 1e9));
            if (bar != null) {
                bar.finish(order.length, String.format(Locale.ROOT, "loss %.4f, val acc %.4f%s%s", lossSum / batches,
                        acc, improved ? " (best)" : "", skipped == 0 ? "" : ", " + skipped + " non-finite batches skipped"));
            }
            if (stopping.exhausted() && epoch < maxEpochs) {
                stoppedEarly = true;
                break;
            }
        }
        restore(params, best);
        ClassProbabilities test = probabilities(model, testW, labelRows);
        text.close();
        return new FineTuneResult(history, stopping.bestEpoch(), stoppedEarly, (System.nanoTime() - start) / 1e9,
                settings(model), bestValidation, test);
    }

    /**
     * One batch: forward with dropout, cross-entropy of the scaled cosine logits, backward, AdamW update; a non-finite
     * loss is returned without backward or update.
     */
    private double step(CheckpointModel model, ParameterStore ps, AdamW opt, PairList<String, Parameter> params,
                        PatchedWindows windows, int[] items, int[] y, Supplier<NDArray> labelRows) {
        try (NDScope scope = new NDScope()) {
            var batch = windows.batch(items, null);
            NDArray target = model.manager().create(y).toDevice(model.device(), false).oneHot(labels.size());
            if (labelSmoothing > 0) {
                target = target.mul((float) (1 - labelSmoothing)).add((float) (labelSmoothing / labels.size()));
            }
            float loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray emb = model.sessionEmbeddings(ps, batch, true);
                NDArray logits = emb.matMul(labelRows.get().transpose()).div((float) temperature);
                NDArray ce = logits.logSoftmax(1).mul(target).sum(new int[] {1}).neg().mean();
                loss = ce.getFloat();
                if (!Float.isFinite(loss)) return loss; // no backward, no update: the caller skips and counts it
                gc.backward(ce);
            }
            opt.step(params, 0);
            return loss;
        }
    }

    /** The class probabilities of {@code windows} (softmax of the logits the loss is taken on), eval mode. */
    private ClassProbabilities probabilities(CheckpointModel model, PatchedWindows windows,
                                             Supplier<NDArray> labelRows) {
        return ClassProbabilities.softmax(labels, logits(model, windows, labelRows));
    }

    /** Embedding · labelsᵀ / temperature per window, eval mode: the logits the loss is taken on. */
    private float[][] logits(CheckpointModel model, PatchedWindows windows, Supplier<NDArray> labelRows) {
        float[][] emb = model.embed(windows, batchSize);
        float[] l;
        int e;
        try (NDScope scope = new NDScope()) {
            NDArray lbl = labelRows.get().stopGradient();
            l = lbl.toFloatArray();
            e = (int) lbl.getShape().get(1);
        }
        float[][] out = new float[emb.length][labels.size()];
        for (int i = 0; i < emb.length; i++) {
            for (int k = 0; k < labels.size(); k++) {
                double s = 0;
                for (int j = 0; j < e; j++) s += emb[i][j] * l[k * e + j];
                out[i][k] = (float) (s / temperature);
            }
        }
        return out;
    }

    private static Map<String, float[]> snapshot(PairList<String, Parameter> params) {
        Map<String, float[]> out = new HashMap<>();
        for (Pair<String, Parameter> p : params) out.put(p.getKey(), p.getValue().getArray().toFloatArray());
        return out;
    }

    private static void restore(PairList<String, Parameter> params, Map<String, float[]> state) {
        for (Pair<String, Parameter> p : params) p.getValue().getArray().set(FloatBuffer.wrap(state.get(p.getKey())));
    }

    /** The engine's seed for one batch: a function of the run's seed, the epoch and the batch alone. */
    private int stepSeed(int epoch, int batch) {
        long h = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + batch * 0x94D049BB133111EBL;
        return (int) (h ^ (h >>> 31));
    }

    private static void shuffle(int[] a, Random rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static int[] classes(List<DatasetWindows.Labeled> windows, Map<String, Integer> index, String part) {
        int[] out = new int[windows.size()];
        for (int i = 0; i < out.length; i++) {
            Integer k = index.get(windows.get(i).label());
            if (k == null) {
                throw new IllegalArgumentException(part + " window " + windows.get(i).window().id() + " has label '"
                        + windows.get(i).label() + "', which is not in the label list " + index.keySet());
            }
            out[i] = k;
        }
        return out;
    }

    private Map<String, Object> settings(CheckpointModel model) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("checkpoint", checkpoint.toString());
        s.put("tier", model.config().getTier());
        s.put("label_encoder", model.labelEncoder().wireName());
        s.put("labels", labels);
        s.put("train_windows", train.size());
        s.put("validation_windows", validation.size());
        s.put("learning_rate", learningRate);
        s.put("weight_decay", weightDecay);
        s.put("batch_size", batchSize);
        s.put("max_epochs", maxEpochs);
        s.put("patience", patience);
        s.put("temperature", temperature);
        s.put("seed", seed);
        s.put("device", model.device().toString());
        s.put("patch_seconds", patchSeconds);
        s.put("learnable_labels", learnableLabels);
        s.put("label_smoothing", labelSmoothing);
        return s;
    }

    private static int textMaxTokens(Path checkpoint) throws IOException {
        Integer maxTokens = CheckpointProvenance.readIfPresent(checkpoint).map(CheckpointProvenance::textMaxTokens)
                .orElse(null);
        return maxTokens != null ? maxTokens : 128;
    }

    /** Builder of {@link TsfmFineTuner}. */
    public static final class Builder {
        private Path checkpoint;
        private List<DatasetWindows.Labeled> train;
        private List<DatasetWindows.Labeled> validation;
        private List<String> labels;
        private TextBank text;
        private double learningRate = 1e-5;
        private double weightDecay = 1e-5;
        private int batchSize = 32;
        private int maxEpochs = 20;
        private int patience = 5;
        private double temperature = 0.07;
        private long seed = 42;
        private Device device;
        private Patcher patcher = new Patcher();
        private double patchSeconds = 1.0;
        private PrintStream progress;
        private String title = "fine-tune";
        private boolean learnableLabels;
        private double labelSmoothing;

        private Builder() {}

        /**
         * Label smoothing ε of the cross-entropy target: {@code (1 − ε)} on the true label and {@code ε / K} on every
         * label (default 0, the reference's one-hot target).
         *
         * @throws IllegalArgumentException when ε is not in [0, 1)
         */
        public Builder optLabelSmoothing(double epsilon) {
            if (!(epsilon >= 0 && epsilon < 1)) {
                throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + epsilon);
            }
            this.labelSmoothing = epsilon;
            return this;
        }

        /**
         * Whether the label embeddings are trained too, started at their text embeddings (default false: frozen, as
         * the reference); they stay unit rows in the logits, and the best epoch's rows predict.
         */
        public Builder optLearnableLabels(boolean learnable) {
            this.learnableLabels = learnable;
            return this;
        }

        /** The trained checkpoint directory (config.json and params.bin are read). */
        public Builder setCheckpoint(Path dir) {
            this.checkpoint = Objects.requireNonNull(dir);
            return this;
        }

        /** The labelled training windows (the 1 % or 10 % subsample). */
        public Builder setTrain(List<DatasetWindows.Labeled> windows) {
            this.train = List.copyOf(windows);
            return this;
        }

        /** The labelled validation windows that choose the epoch. */
        public Builder setValidation(List<DatasetWindows.Labeled> windows) {
            this.validation = List.copyOf(windows);
            return this;
        }

        /** The candidate labels (the test dataset's, in its order); every window's label must be one. */
        public Builder setLabels(List<String> labels) {
            this.labels = List.copyOf(labels);
            return this;
        }

        /** The frozen text side to share between runs (default: a MiniLM encoder opened and closed per run). */
        public Builder optTextBank(TextBank text) {
            this.text = text;
            return this;
        }

        /** AdamW learning rate (default 1e-5). */
        public Builder optLearningRate(double lr) {
            this.learningRate = lr;
            return this;
        }

        /** Decoupled weight decay on every parameter (default 1e-5). */
        public Builder optWeightDecay(double wd) {
            this.weightDecay = wd;
            return this;
        }

        /** Windows per step (default 32). */
        public Builder optBatchSize(int n) {
            this.batchSize = n;
            return this;
        }

        /** Epoch limit (default 20). */
        public Builder optMaxEpochs(int n) {
            this.maxEpochs = n;
            return this;
        }

        /** Epochs without a strictly better validation accuracy before stopping (default 5). */
        public Builder optPatience(int n) {
            this.patience = n;
            return this;
        }

        /** Fixed logit temperature (default 0.07). */
        public Builder optTemperature(double t) {
            this.temperature = t;
            return this;
        }

        /** Seed of the shuffles and of the engine's generator (default 42). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Device (default: the first GPU when the engine sees one, else the CPU). */
        public Builder optDevice(Device device) {
            this.device = device;
            return this;
        }

        /** The patcher (default: core's defaults, spec §2). */
        public Builder optPatcher(Patcher patcher) {
            this.patcher = Objects.requireNonNull(patcher);
            return this;
        }

        /** Patch length in seconds (default 1.0, spec §6.2); the windows' descriptions should name the same. */
        public Builder optPatchSeconds(double seconds) {
            this.patchSeconds = seconds;
            return this;
        }

        /** Draws a progress line per epoch on {@code out}, headed by {@code title}. */
        public Builder optProgress(PrintStream out, String title) {
            this.progress = out;
            this.title = Objects.requireNonNull(title);
            return this;
        }

        public TsfmFineTuner build() {
            if (checkpoint == null) throw new IllegalArgumentException("setCheckpoint is required");
            if (train == null || train.isEmpty()) throw new IllegalArgumentException("no labelled training windows");
            if (validation == null || validation.isEmpty()) {
                throw new IllegalArgumentException("no validation windows (they choose the epoch to keep)");
            }
            if (labels == null || labels.isEmpty()) throw new IllegalArgumentException("setLabels is required");
            if (labels.stream().distinct().count() != labels.size()) {
                throw new IllegalArgumentException("the label list repeats a label: " + labels);
            }
            if (!(learningRate > 0) || weightDecay < 0 || batchSize < 1 || maxEpochs < 1 || patience < 1
                    || !(temperature > 0) || !(patchSeconds > 0)) {
                throw new IllegalArgumentException("fine-tuning settings out of range: lr " + learningRate + ", weight "
                        + "decay " + weightDecay + ", batch " + batchSize + ", epochs " + maxEpochs + ", patience "
                        + patience + ", temperature " + temperature + ", patch seconds " + patchSeconds);
            }
            if (device == null) device = Devices.preferred();
            return new TsfmFineTuner(this);
        }
    }
}
