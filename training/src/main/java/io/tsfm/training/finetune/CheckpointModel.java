package io.tsfm.training.finetune;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import io.tsfm.core.runtime.LabelEncoderKind;
import io.tsfm.core.preprocess.Patcher;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.training.data.TrainingBatch;
import io.tsfm.training.model.Devices;
import io.tsfm.training.model.TrainableTsfm;
import io.tsfm.training.model.config.TsfmConfig;
import io.tsfm.training.run.Batches;
import io.tsfm.training.run.Checkpoint;
import io.tsfm.training.run.CheckpointProvenance;
import io.tsfm.training.text.TextBank;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A checkpoint's network loaded on a device in its own {@link NDManager}: only {@code config.json} and
 * {@code params.bin} are read ({@code optimizer.bin}, {@code memory_bank.bin} and {@code state.json} are for resuming
 * training and may be absent). Each instance is an independent copy of the weights, so fine-tuning one never touches
 * another. Gives the pooled session embeddings (spec §6.2: per-patch tiers average their unit patch embeddings and
 * re-normalise) and the label embeddings the model scores against. Not thread-safe; {@link #close()} frees the weights.
 */
public final class CheckpointModel implements AutoCloseable {
    /** Label encoder of checkpoints whose provenance does not name one (the trainer's default). */
    public static final LabelEncoderKind DEFAULT_LABEL_ENCODER = LabelEncoderKind.FROZEN;

    private final Path dir;
    private final NDManager manager;
    private final TrainableTsfm net;
    private final TextBank text;
    private final Device device;
    private final LabelEncoderKind labelEncoder;

    private CheckpointModel(Path dir, NDManager manager, TrainableTsfm net, TextBank text, Device device,
                            LabelEncoderKind labelEncoder) {
        this.dir = dir;
        this.manager = manager;
        this.net = net;
        this.text = text;
        this.device = device;
        this.labelEncoder = labelEncoder;
    }

    /**
     * Loads a checkpoint directory.
     *
     * @param text   the frozen text side (its encoder must be the one the checkpoint was trained with: checked against
     *               the provenance's {@code text_model} when it names one)
     * @param device where the network lives ({@link Devices#preferred()} for the first GPU when there is one)
     * @throws IOException naming the directory when it is not a checkpoint or its parameters do not load
     */
    public static CheckpointModel load(Path dir, TextBank text, Device device) throws IOException {
        TsfmConfig config = Checkpoint.readConfig(dir);
        if (!Files.isRegularFile(dir.resolve(Checkpoint.PARAMS))) {
            throw new IOException("not a TSFM checkpoint (no " + Checkpoint.PARAMS + "): " + dir);
        }
        LabelEncoderKind labelEncoder = DEFAULT_LABEL_ENCODER;
        Optional<CheckpointProvenance> prov = CheckpointProvenance.readIfPresent(dir);
        if (prov.isPresent()) {
            CheckpointProvenance p = prov.get();
            if (p.labelEncoder() != null) labelEncoder = p.labelEncoder();
            if (p.textModel() != null && !p.textModel().equals(text.encoder().modelId())) {
                throw new IOException("checkpoint " + dir + " was trained with text encoder " + p.textModel()
                        + (p.textMaxTokens() != null ? " (" + p.textMaxTokens() + " tokens)" : "")
                        + ", but the text encoder given has id " + text.encoder().modelId() + " ("
                        + text.encoder().maxTokens() + " tokens): its channel and label texts would differ");
            }
        }
        NDManager manager = NDManager.newBaseManager(device);
        try {
            TrainableTsfm net = new TrainableTsfm(config);
            net.initialize(manager, DataType.FLOAT32);
            Checkpoint.loadParameters(dir, net, manager);
            return new CheckpointModel(dir, manager, net, text, device, labelEncoder);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The directory it was loaded from. */
    public Path directory() {
        return dir;
    }

    /** The model configuration. */
    public TsfmConfig config() {
        return net.getConfig();
    }

    /** Frozen (pooled sentence embeddings) or learnable (the trained label bank). */
    public LabelEncoderKind labelEncoder() {
        return labelEncoder;
    }

    /** The device the weights live on. */
    public Device device() {
        return device;
    }

    TrainableTsfm net() {
        return net;
    }

    NDManager manager() {
        return manager;
    }

    TextBank text() {
        return text;
    }

    /**
     * Unit label embeddings {@code (L, E)} of {@code labels} as the model scores them: the frozen sentence embedding,
     * or the learnable label bank applied once without gradient. Owned by this model's manager.
     */
    NDArray labelEmbeddings(List<String> labels) {
        NDArray out;
        if (labelEncoder == LabelEncoderKind.FROZEN) {
            out = text.pooled(manager, labels).toDevice(device, false);
        } else {
            try (NDScope scope = new NDScope()) {
                NDList tok = text.tokens(manager, labels);
                out = net.getLabelBank().apply(new ParameterStore(manager, false), tok.get(0).toDevice(device, false),
                        tok.get(1).toDevice(device, false), false).stopGradient();
                NDScope.unregister(out);
            }
        }
        return out;
    }

    /** Unit label embeddings as plain rows. */
    public float[][] labelRows(List<String> labels) {
        NDArray l = labelEmbeddings(labels);
        try {
            return rows(l);
        } finally {
            l.close();
        }
    }

    /** Pooled session embeddings {@code (B, E)} of a batch; {@code training} switches dropout on. */
    NDArray sessionEmbeddings(ParameterStore ps, TrainingBatch batch, boolean training) {
        var in = Batches.inputs(manager, batch, text, device);
        return Batches.sessionEmbeddings(net.getModel().apply(ps, in, training), in.patchMask());
    }

    /**
     * The pooled unit session embeddings of windows in eval mode, one row per window, patched by core's
     * {@link Patcher} with {@code patchSeconds}.
     *
     * @throws IllegalArgumentException naming a window that cannot be patched
     */
    public float[][] embed(List<SensorWindow> windows, Patcher patcher, double patchSeconds, int batchSize) {
        PatchedWindows pw = new PatchedWindows(windows, patcher, patchSeconds);
        text.precompute(new java.util.TreeSet<>(pw.allDescriptions()));
        return embed(pw, batchSize);
    }

    float[][] embed(PatchedWindows pw, int batchSize) {
        float[][] out = new float[pw.size()][];
        ParameterStore ps = new ParameterStore(manager, false);
        for (int from = 0; from < pw.size(); from += batchSize) {
            int n = Math.min(batchSize, pw.size() - from);
            int[] items = new int[n];
            for (int i = 0; i < n; i++) items[i] = from + i;
            try (NDScope scope = new NDScope()) {
                float[][] r = rows(sessionEmbeddings(ps, pw.batch(items, null), false));
                System.arraycopy(r, 0, out, from, n);
            }
        }
        return out;
    }

    private static float[][] rows(NDArray a) {
        int n = (int) a.getShape().get(0);
        int e = (int) a.getShape().get(1);
        float[] flat = a.toFloatArray();
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) out[i] = java.util.Arrays.copyOfRange(flat, i * e, (i + 1) * e);
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
