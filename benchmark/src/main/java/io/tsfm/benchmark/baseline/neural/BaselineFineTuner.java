package io.tsfm.benchmark.baseline.neural;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import io.tsfm.training.finetune.EarlyStopping;
import io.tsfm.training.optim.AdamW;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The baselines' supervised fine-tuning (spec §6.6 shared settings): AdamW with the encoder at 1e-5 and the head at
 * 1e-3, weight decay 1e-5, cross-entropy, batch 32 shuffled, at most 20 epochs; after each epoch the validation
 * accuracy, the state with the best (strictly improving) one kept, stop after 5 epochs without improvement, best state
 * restored. With no validation windows it trains every epoch and keeps the last. Stateless; each call trains the
 * model it is given (not thread-safe for one model).
 */
public final class BaselineFineTuner {

    private BaselineFineTuner() {}

    /**
     * Hyper-parameters.
     *
     * @param encoderLr   learning rate of the pretrained encoder
     * @param headLr      learning rate of the fresh head
     * @param weightDecay AdamW's decoupled weight decay (names with bias/norm excluded, {@link AdamW#decays})
     * @param batchSize   windows per step
     * @param maxEpochs   epochs at most
     * @param patience    epochs without a better validation accuracy before stopping
     * @param seed        seed of the batch order
     */
    public record Settings(double encoderLr, double headLr, double weightDecay, int batchSize, int maxEpochs,
                           int patience, long seed) {
        /** The reference's settings, the protocol's classifier seed. */
        public static final Settings REFERENCE = new Settings(1e-5, 1e-3, 1e-5, 32, 20, 5, 3431);

        public Settings {
            if (batchSize < 1 || maxEpochs < 1 || patience < 1) {
                throw new IllegalArgumentException("batch size, epochs and patience must be >= 1");
            }
        }
    }

    /**
     * One epoch's figures.
     *
     * @param epoch        1-based
     * @param trainLoss    mean cross-entropy over the epoch's batches
     * @param valAccuracy  validation accuracy after it (NaN without validation windows)
     * @param improved     whether it became the kept state
     */
    public record Epoch(int epoch, double trainLoss, double valAccuracy, boolean improved) {
    }

    /**
     * @param epochs          every epoch run
     * @param bestEpoch       the epoch whose state was restored
     * @param bestValAccuracy its validation accuracy
     * @param seconds         wall time
     */
    public record Result(List<Epoch> epochs, int bestEpoch, double bestValAccuracy, double seconds) {
    }

    /**
     * Fine-tunes {@code model} in place.
     *
     * @param log told each epoch as it ends
     * @throws IllegalArgumentException if there are no training windows or a class index is out of range
     */
    public static Result fit(FineTunable model, NDManager manager, FineTuneData data, Settings s,
                             Consumer<Epoch> log) {
        if (data.trainX().length == 0) throw new IllegalArgumentException("no labelled windows to fine-tune on");
        for (int y : data.trainY()) {
            if (y < 0 || y >= data.classes()) throw new IllegalArgumentException("class index " + y + " out of range");
        }
        long t0 = System.nanoTime();
        PairList<String, Parameter> enc = model.encoder().getParameters();
        PairList<String, Parameter> head = model.head().getParameters();
        requireGradients(enc);
        requireGradients(head);
        AdamW encOpt = new AdamW(manager, s.encoderLr(), s.weightDecay());
        AdamW headOpt = new AdamW(manager, s.headLr(), s.weightDecay());
        ParameterStore ps = new ParameterStore(manager, false);
        Random rng = new Random(s.seed());
        boolean validate = data.valX().length > 0;
        EarlyStopping stopping = new EarlyStopping(s.patience());
        byte[] bestState = null;
        List<Epoch> epochs = new ArrayList<>();
        int n = data.trainX().length;
        for (int e = 1; e <= s.maxEpochs(); e++) {
            int[] order = permutation(n, rng);
            double lossSum = 0;
            int batches = 0;
            for (int from = 0; from < n; from += s.batchSize()) {
                int to = Math.min(n, from + s.batchSize());
                try (NDScope scope = new NDScope()) {
                    NDArray x = batch(manager, data.trainX(), order, from, to);
                    int[] y = new int[to - from];
                    for (int i = from; i < to; i++) y[i - from] = data.trainY()[order[i]];
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray loss = crossEntropy(model.logits(ps, x, true), y);
                        gc.backward(loss);
                        lossSum += loss.getFloat();
                    }
                    encOpt.step(enc, 0);
                    headOpt.step(head, 0);
                }
                batches++;
            }
            double acc = Double.NaN;
            boolean improved = false;
            if (validate) {
                acc = accuracy(predict(model, manager, data.valX(), 256), data.valY());
                improved = stopping.record(e, acc);
                if (improved) bestState = snapshot(model.encoder(), model.head());
            }
            Epoch ep = new Epoch(e, lossSum / batches, acc, improved);
            epochs.add(ep);
            if (log != null) log.accept(ep);
            if (validate && stopping.exhausted()) break;
        }
        if (bestState != null) {
            restore(manager, bestState, "the best fine-tuning state", model.encoder(), model.head());
        }
        // without validation windows every epoch is kept in turn, so the last one stands
        int bestEpoch = validate ? stopping.bestEpoch() : epochs.size();
        return new Result(epochs, bestEpoch, validate ? stopping.best() : Double.NaN, (System.nanoTime() - t0) / 1e9);
    }

    /** The argmax class of each window (eval mode, batches of {@code batch}). */
    public static int[] predict(FineTunable model, NDManager manager, float[][][] x, int batch) {
        int[] out = new int[x.length];
        ParameterStore ps = new ParameterStore(manager, false);
        int[] all = permutation(x.length, null);
        for (int from = 0; from < x.length; from += batch) {
            int to = Math.min(x.length, from + batch);
            try (NDScope scope = new NDScope()) {
                NDArray logits = model.logits(ps, batch(manager, x, all, from, to), false);
                long[] arg = logits.argMax(1).toLongArray();
                for (int i = 0; i < arg.length; i++) out[from + i] = (int) arg[i];
            }
        }
        return out;
    }

    /** Rows {@code order[from..to)} of {@code x} as an {@code (n, T, C)} array. */
    public static NDArray batch(NDManager manager, float[][][] x, int[] order, int from, int to) {
        int t = x[order[from]].length;
        int c = x[order[from]][0].length;
        float[] flat = new float[(to - from) * t * c];
        int k = 0;
        for (int i = from; i < to; i++) {
            float[][] w = x[order[i]];
            for (float[] row : w) {
                System.arraycopy(row, 0, flat, k, c);
                k += c;
            }
        }
        return manager.create(flat, new Shape(to - from, t, c));
    }

    /** Mean cross-entropy of {@code (N, C)} logits against class indices. */
    public static NDArray crossEntropy(NDArray logits, int[] y) {
        long classes = logits.getShape().get(1);
        float[] onehot = new float[y.length * (int) classes];
        for (int i = 0; i < y.length; i++) onehot[i * (int) classes + y[i]] = 1f;
        NDArray target = logits.getManager().create(onehot, new Shape(y.length, classes));
        return logits.logSoftmax(1).mul(target).sum().neg().div((float) y.length);
    }

    /** Fraction of equal entries. */
    public static double accuracy(int[] predicted, int[] truth) {
        if (truth.length == 0) return Double.NaN;
        int ok = 0;
        for (int i = 0; i < truth.length; i++) if (predicted[i] == truth[i]) ok++;
        return ok / (double) truth.length;
    }

    /** {@code 0..n-1}, shuffled by {@code rng} (identity for null). */
    public static int[] permutation(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        if (rng != null) {
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int tmp = p[i];
                p[i] = p[j];
                p[j] = tmp;
            }
        }
        return p;
    }

    /** Attaches gradients to every parameter (they are trained). */
    public static void requireGradients(PairList<String, Parameter> params) {
        for (Pair<String, Parameter> p : params) p.getValue().getArray().setRequiresGradient(true);
    }

    /** The parameters of {@code blocks}, in order, as bytes (a best state kept in memory). */
    static byte[] snapshot(Block... blocks) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                for (Block b : blocks) b.saveParameters(out);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads a {@link #snapshot} of {@code blocks} back; {@code what} names the state in the error. */
    static void restore(NDManager manager, byte[] state, String what, Block... blocks) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            for (Block b : blocks) b.loadParameters(manager, in);
        } catch (IOException | ai.djl.MalformedModelException e) {
            throw new IllegalStateException("cannot restore " + what + ": " + e.getMessage(), e);
        }
    }
}
