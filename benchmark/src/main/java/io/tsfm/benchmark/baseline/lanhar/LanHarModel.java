package io.tsfm.benchmark.baseline.lanhar;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import io.tsfm.core.data.Units;
import io.tsfm.core.labels.LabelVocabulary;
import java.util.ArrayList;
import java.util.List;

/**
 * A LanHAR model in memory: the {@link LanHarNet} weights on the CPU, the frozen MiniLM token states of the texts it
 * reads ({@link TextTokens}) and the template descriptions. It embeds gravity-aligned 20 Hz windows and label texts
 * into the shared space and scores windows by cosine to label prototypes (a label's prototype is the normalised mean
 * of the adapted embeddings of its name and descriptions). Owns its NDManager: close it. Not thread-safe.
 */
public final class LanHarModel implements AutoCloseable {
    static {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
        if (System.getProperty("OPT_OUT_TRACKING") == null) System.setProperty("OPT_OUT_TRACKING", "true");
    }

    /** Windows per inference batch. */
    static final int EVAL_BATCH = 128;

    private final NDManager manager;
    private final LanHarNet net;
    private final TextTokens text;
    private final ActivityDescriptions descriptions;

    private LanHarModel(NDManager manager, LanHarNet net, TextTokens text, ActivityDescriptions descriptions) {
        this.manager = manager;
        this.net = net;
        this.text = text;
        this.descriptions = descriptions;
    }

    /** A freshly initialised model (seeded by {@code config.seed()}). */
    public static LanHarModel create(LanHarConfig config, TextTokens text, LabelVocabulary vocabulary) {
        NDManager manager = NDManager.newBaseManager(Device.cpu());
        ai.djl.engine.Engine.getInstance().setRandomSeed((int) config.seed());
        LanHarNet net = new LanHarNet(config);
        net.initialize(manager);
        for (Pair<String, Parameter> p : net.getParameters()) p.getValue().getArray().setRequiresGradient(true);
        return new LanHarModel(manager, net, text, new ActivityDescriptions(vocabulary));
    }

    public NDManager manager() {
        return manager;
    }

    public LanHarNet net() {
        return net;
    }

    public TextTokens text() {
        return text;
    }

    public ActivityDescriptions descriptions() {
        return descriptions;
    }

    /** The name and the descriptions of a label: every text that stands for it. */
    public List<String> textsOf(String label) {
        List<String> out = new ArrayList<>();
        out.add(descriptions.name(label));
        out.addAll(descriptions.describe(label));
        return out;
    }

    /** Scale of the accelerometer channels into the network: standard gravity, so the aligned z axis sits near 1. */
    static final float ACC_SCALE = (float) Units.G;

    /**
     * A baseline input window ({@code [120][6]}, m/s² and rad/s) as the network reads it: gravity-aligned
     * ({@link GravityAlignment}), accelerometer divided by standard gravity.
     */
    public static float[][] input(float[][] baselineInput) {
        float[][] a = GravityAlignment.align(baselineInput);
        for (float[] row : a) for (int c = 0; c < 3; c++) row[c] /= ACC_SCALE;
        return a;
    }

    /** Windows {@code [n][120][6]} as a {@code (n, 120, 6)} array of {@code manager}. */
    public static NDArray windows(NDManager manager, List<float[][]> windows) {
        float[] flat = new float[windows.size() * SensorEncoder.STEPS * SensorEncoder.CHANNELS];
        int k = 0;
        for (int i = 0; i < windows.size(); i++) {
            float[][] w = windows.get(i);
            if (w.length != SensorEncoder.STEPS) {
                throw new IllegalArgumentException("window " + i + " has " + w.length + " samples, expected "
                        + SensorEncoder.STEPS + " (20 Hz, 6 s)");
            }
            for (float[] row : w) {
                System.arraycopy(row, 0, flat, k, SensorEncoder.CHANNELS);
                k += SensorEncoder.CHANNELS;
            }
        }
        return manager.create(flat, new Shape(windows.size(), SensorEncoder.STEPS, SensorEncoder.CHANNELS));
    }

    /** Unit-norm embeddings of gravity-aligned windows, one row per window (inference mode). */
    public float[][] embedWindows(List<float[][]> aligned) {
        float[][] out = new float[aligned.size()][];
        ParameterStore ps = new ParameterStore(manager, false);
        for (int from = 0; from < aligned.size(); from += EVAL_BATCH) {
            int to = Math.min(aligned.size(), from + EVAL_BATCH);
            try (NDScope scope = new NDScope()) {
                rows(normalize(net.sensorEncoder().apply(ps, windows(manager, aligned.subList(from, to)), false)), out,
                        from);
            }
        }
        return out;
    }

    /** Unit-norm adapted embeddings of texts (inference mode). */
    public float[][] embedTexts(List<String> texts) {
        ParameterStore ps = new ParameterStore(manager, false);
        float[][] out = new float[texts.size()][];
        for (int from = 0; from < texts.size(); from += EVAL_BATCH) {
            int to = Math.min(texts.size(), from + EVAL_BATCH);
            try (NDScope scope = new NDScope()) {
                NDList tok = text.batch(manager, texts.subList(from, to));
                rows(normalize(net.textAdapter().apply(ps, tok.get(0), tok.get(1), false)), out, from);
            }
        }
        return out;
    }

    /** The rows of an {@code (n, d)} array into {@code out[from..from+n)}. */
    private static void rows(NDArray e, float[][] out, int from) {
        float[] flat = e.toFloatArray();
        int d = (int) e.getShape().get(1);
        for (int i = 0; i < e.getShape().get(0); i++) {
            out[from + i] = java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        }
    }

    /** The unit-norm prototype of every label: the normalised mean of its texts' embeddings. */
    public float[][] prototypes(List<String> labels) {
        List<String> all = new ArrayList<>();
        for (String l : labels) all.addAll(textsOf(l));
        float[][] e = embedTexts(all);
        int per = textsOf(labels.get(0)).size();
        float[][] out = new float[labels.size()][];
        for (int i = 0; i < labels.size(); i++) {
            float[] sum = new float[e[0].length];
            for (int j = 0; j < per; j++) for (int d = 0; d < sum.length; d++) sum[d] += e[i * per + j][d];
            out[i] = unit(sum);
        }
        return out;
    }

    /** For each window, the index of the prototype with the highest cosine (ties to the first). */
    public static int[] argmaxCosine(float[][] windows, float[][] prototypes) {
        int[] out = new int[windows.length];
        for (int i = 0; i < windows.length; i++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < prototypes.length; k++) {
                double s = 0;
                for (int d = 0; d < prototypes[k].length; d++) s += windows[i][d] * prototypes[k][d];
                if (s > best) {
                    best = s;
                    out[i] = k;
                }
            }
        }
        return out;
    }

    static NDArray normalize(NDArray x) {
        return x.div(x.norm(new int[] {1}, true).clip(1e-12f, Float.MAX_VALUE));
    }

    static float[] unit(float[] v) {
        double n = 0;
        for (float x : v) n += x * x;
        n = Math.sqrt(Math.max(n, 1e-24));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (float) (v[i] / n);
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }

    /** The parameters whose full name contains {@code part} ({@code text_adapter}, {@code sensor_encoder}, ...). */
    PairList<String, Parameter> parameters(String... parts) {
        PairList<String, Parameter> out = new PairList<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            for (String part : parts) {
                if (p.getKey().contains(part)) {
                    out.add(p);
                    break;
                }
            }
        }
        if (out.isEmpty()) throw new IllegalStateException("no parameter named like " + List.of(parts));
        return out;
    }
}
