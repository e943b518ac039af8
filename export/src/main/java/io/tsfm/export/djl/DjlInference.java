package io.tsfm.export.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.tsfm.core.preprocess.PatchBatch;
import io.tsfm.core.preprocess.PatchedWindow;
import io.tsfm.core.text.TextEncoder;
import io.tsfm.core.text.TokenBatch;
import io.tsfm.core.text.TokenEmbeddings;
import io.tsfm.training.model.TrainableTsfm;
import io.tsfm.training.model.config.TsfmConfig;
import io.tsfm.training.model.TsfmInputs;
import io.tsfm.training.run.Checkpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained checkpoint run eagerly in DJL in inference mode (no dropout): the reference the exported graphs are
 * checked against, and the eager baseline of the serving benchmark. Text inputs come from a caller-owned frozen
 * text encoder, exactly as in training.
 *
 * <p>Token states of every string are kept after first use (as the trainer's text bank does), so repeated calls run
 * only the model. Not thread-safe: one caller at a time. Owns its NDManager; close it.
 */
public final class DjlInference implements AutoCloseable {

    static {
        // DJL must never reach the network; set before the engine loads
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
        if (System.getProperty("OPT_OUT_TRACKING") == null) System.setProperty("OPT_OUT_TRACKING", "true");
    }

    private final NDManager manager;
    private final TrainableTsfm net;
    private final TextEncoder encoder;
    private final ParameterStore ps;
    private final Map<String, TokenEmbeddings> tokens = new java.util.HashMap<>();

    private DjlInference(NDManager manager, TrainableTsfm net, TextEncoder encoder) {
        this.manager = manager;
        this.net = net;
        this.encoder = encoder;
        this.ps = new ParameterStore(manager, false);
    }

    /** Loads the checkpoint in {@code dir} on the CPU. */
    public static DjlInference load(Path dir, TextEncoder encoder) throws IOException {
        TsfmConfig config = Checkpoint.readConfig(dir);
        NDManager manager = NDManager.newBaseManager();
        try {
            TrainableTsfm net = new TrainableTsfm(config);
            net.initialize(manager, DataType.FLOAT32);
            Checkpoint.loadParameters(dir, net, manager);
            return new DjlInference(manager, net, encoder);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The model configuration. */
    public TsfmConfig config() {
        return net.getConfig();
    }

    /** The loaded network (for exporting its parameters). */
    public TrainableTsfm network() {
        return net;
    }

    /**
     * Unit embeddings of a batch of patched windows: {@code [window][patch][E]} for per-patch tiers (rows of padded
     * patches dropped), {@code [window][1][E]} for pooled tiers.
     */
    public float[][][] embed(List<PatchedWindow> windows, List<List<String>> descriptions) {
        PatchBatch b = PatchBatch.collate(windows, descriptions);
        try (NDManager m = manager.newSubManager()) {
            Map<String, Integer> rows = new LinkedHashMap<>();
            long[] index = new long[b.batchSize() * b.maxChannels()];
            for (int i = 0; i < b.batchSize(); i++) {
                List<String> d = b.channelDescriptions().get(i);
                for (int c = 0; c < b.maxChannels(); c++) {
                    index[i * b.maxChannels() + c] = rows.computeIfAbsent(d.get(c), k -> rows.size());
                }
            }
            TokenBatch tok = TokenBatch.of(encode(new ArrayList<>(rows.keySet())));
            TsfmInputs in = TsfmInputs.of(m.create(b.patches(), new Shape(b.patchesShape())),
                    m.create(b.patchMask(), new Shape(b.batchSize(), b.maxPatches())),
                    m.create(b.channelMask(), new Shape(b.batchSize(), b.maxChannels())),
                    m.create(tok.states(), new Shape(tok.shape())),
                    m.create(tok.mask(), new Shape(tok.size(), tok.maxTokens())),
                    m.create(index, new Shape(b.batchSize(), b.maxChannels())))
                    .withPatchStats(m.create(b.patchStats(), new Shape(b.patchStatsShape())));
            NDArray out = net.getModel().apply(ps, in, false);
            float[] flat = out.toFloatArray();
            int e = (int) out.getShape().get(out.getShape().dimension() - 1);
            boolean perPatch = out.getShape().dimension() == 3;
            float[][][] result = new float[b.batchSize()][][];
            for (int i = 0; i < b.batchSize(); i++) {
                int p = perPatch ? windows.get(i).numPatches() : 1;
                int stride = perPatch ? b.maxPatches() : 1;
                result[i] = new float[p][];
                for (int q = 0; q < p; q++) {
                    int at = (i * stride + q) * e;
                    result[i][q] = java.util.Arrays.copyOfRange(flat, at, at + e);
                }
            }
            return result;
        }
    }

    /** ChannelTextFusion's text vector {@code ch} of each description. */
    public float[][] channelVectors(List<String> descriptions) {
        TokenBatch tok = TokenBatch.of(encode(descriptions));
        try (NDManager m = manager.newSubManager()) {
            NDArray ch = net.getModel().getChannelTextFusion().encodeText(ps,
                    m.create(tok.states(), new Shape(tok.shape())),
                    m.create(tok.mask(), new Shape(tok.size(), tok.maxTokens())), false).get(0);
            return rows(ch);
        }
    }

    /**
     * Unit label embeddings as training scored them: the frozen text model's pooled sentence embedding, or the
     * learnable label bank over its token states.
     */
    public float[][] labelEmbeddings(List<String> labels, boolean frozen) {
        if (frozen) {
            float[][] out = new float[labels.size()][];
            var enc = encode(labels);
            for (int i = 0; i < out.length; i++) out[i] = enc.get(i).pooled().clone();
            return out;
        }
        TokenBatch tok = TokenBatch.of(encode(labels));
        try (NDManager m = manager.newSubManager()) {
            return rows(net.getLabelBank().apply(ps, m.create(tok.states(), new Shape(tok.shape())),
                    m.create(tok.mask(), new Shape(tok.size(), tok.maxTokens())), false));
        }
    }

    private List<TokenEmbeddings> encode(List<String> texts) {
        List<String> missing = texts.stream().filter(t -> !tokens.containsKey(t)).distinct().toList();
        if (!missing.isEmpty()) {
            List<TokenEmbeddings> enc = encoder.encode(missing);
            for (int i = 0; i < missing.size(); i++) tokens.put(missing.get(i), enc.get(i));
        }
        return texts.stream().map(tokens::get).toList();
    }

    private static float[][] rows(NDArray a) {
        int n = (int) a.getShape().get(0);
        int w = (int) a.getShape().get(1);
        float[] flat = a.toFloatArray();
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) out[i] = java.util.Arrays.copyOfRange(flat, i * w, (i + 1) * w);
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
