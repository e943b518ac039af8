package io.tsfm.benchmark.baseline.neural;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.tsfm.training.optim.AdamW;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains a baseline's zero-shot head over the training labels on frozen encoder embeddings (spec §6.6: Adam 1e-3,
 * batch 512, a random 90/10 split of the examples, the best validation state kept — accuracy for LiMU-BERT, loss
 * for CrossHAR — and restored). The reference runs 100 epochs; here epochs and a time budget bound it. Not
 * thread-safe.
 */
public final class HeadTrainer {

    private HeadTrainer() {}

    /**
     * @param epochs         epochs run
     * @param bestEpoch      the restored epoch
     * @param bestValAcc     its validation accuracy
     * @param bestValLoss    its validation loss
     * @param trainExamples  examples trained on
     * @param valExamples    examples validated on
     * @param seconds        wall time
     */
    public record Result(int epochs, int bestEpoch, double bestValAcc, double bestValLoss, int trainExamples,
                         int valExamples, double seconds) {
    }

    /**
     * One epoch of head training.
     *
     * @param epoch     1-based
     * @param trainLoss mean training cross-entropy
     * @param valAcc    validation accuracy after it
     * @param valLoss   validation cross-entropy after it
     * @param kept      whether it became the kept state
     * @param seconds   wall time so far
     */
    public record Epoch(int epoch, double trainLoss, double valAcc, double valLoss, boolean kept, double seconds) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "zero-shot head epoch %d: train loss %.4f, val acc %.3f, val loss %.4f%s, "
                    + "%.0f s", epoch, trainLoss, valAcc, valLoss, kept ? " (kept)" : "", seconds);
        }
    }

    /**
     * Training examples of a zero-shot head.
     *
     * @param embeddings {@code [example][T·d]}
     * @param steps      T
     * @param labels     class index per example
     */
    public record Examples(float[][] embeddings, int steps, int[] labels) {
    }

    /**
     * Trains {@code model}'s head.
     *
     * @param embeddings {@code [example][T·d]} encoder embeddings (T = steps per example)
     * @param steps      T
     * @param labels     class index per example
     */
    public static Result train(BaselineModel model, NDManager manager, float[][] embeddings, int steps, int[] labels,
                               boolean selectByLoss, int maxEpochs, double maxSeconds, long seed,
                               Consumer<Epoch> log) {
        long t0 = System.nanoTime();
        int[] perm = BaselineFineTuner.permutation(embeddings.length, new Random(seed));
        int valN = Math.max(1, embeddings.length / 10);
        int[] val = Arrays.copyOfRange(perm, 0, valN);
        int[] train = Arrays.copyOfRange(perm, valN, perm.length);
        PairList<String, Parameter> params = model.head().getParameters();
        BaselineFineTuner.requireGradients(params);
        AdamW opt = new AdamW(manager, 1e-3, 0);
        ParameterStore ps = new ParameterStore(manager, false);
        Random rng = new Random(seed + 1);
        double bestAcc = Double.NEGATIVE_INFINITY;
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        byte[] best = null;
        int e = 0;
        final int batch = 512;
        while (e < maxEpochs && (System.nanoTime() - t0) / 1e9 < maxSeconds) {
            e++;
            int[] order = BaselineFineTuner.permutation(train.length, rng);
            double sum = 0;
            int steps0 = 0;
            for (int from = 0; from < train.length; from += batch) {
                int to = Math.min(train.length, from + batch);
                int[] idx = new int[to - from];
                for (int i = from; i < to; i++) idx[i - from] = train[order[i]];
                try (NDScope scope = new NDScope()) {
                    NDArray x = rows(manager, embeddings, idx, steps);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray loss = BaselineFineTuner.crossEntropy(model.headLogits(ps, x, true), pick(labels, idx));
                        gc.backward(loss);
                        sum += loss.getFloat();
                    }
                    opt.step(params, 0);
                }
                steps0++;
            }
            double[] v = evaluate(model, manager, embeddings, steps, labels, val);
            boolean better = selectByLoss ? v[1] < bestLoss : v[0] > bestAcc;
            if (better) {
                bestAcc = v[0];
                bestLoss = v[1];
                bestEpoch = e;
                best = BaselineFineTuner.snapshot(model.head());
            }
            if (log != null) log.accept(new Epoch(e, sum / steps0, v[0], v[1], better, (System.nanoTime() - t0) / 1e9));
        }
        if (best != null) BaselineFineTuner.restore(manager, best, "the best head", model.head());
        return new Result(e, bestEpoch, bestAcc, bestLoss, train.length, val.length, (System.nanoTime() - t0) / 1e9);
    }

    private static double[] evaluate(BaselineModel model, NDManager manager, float[][] emb, int steps, int[] labels,
                                     int[] idx) {
        ParameterStore ps = new ParameterStore(manager, false);
        int ok = 0;
        double loss = 0;
        for (int from = 0; from < idx.length; from += 1024) {
            int[] part = Arrays.copyOfRange(idx, from, Math.min(idx.length, from + 1024));
            try (NDScope scope = new NDScope()) {
                NDArray logits = model.headLogits(ps, rows(manager, emb, part, steps), false);
                int[] y = pick(labels, part);
                loss += BaselineFineTuner.crossEntropy(logits, y).getFloat() * part.length;
                long[] arg = logits.argMax(1).toLongArray();
                for (int i = 0; i < arg.length; i++) if (arg[i] == y[i]) ok++;
            }
        }
        return new double[] {ok / (double) idx.length, loss / idx.length};
    }

    private static NDArray rows(NDManager manager, float[][] emb, int[] idx, int steps) {
        int width = emb[idx[0]].length;
        float[] flat = new float[idx.length * width];
        for (int i = 0; i < idx.length; i++) System.arraycopy(emb[idx[i]], 0, flat, i * width, width);
        return manager.create(flat, new Shape(idx.length, steps, width / steps));
    }

    private static int[] pick(int[] labels, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = labels[idx[i]];
        return out;
    }

    /**
     * The zero-shot training examples of a corpus embedded by {@code model}'s encoder (eval mode): with one vote per
     * window, each window with its label; with several, each single-label sub-window with its label (spec §6.6,
     * LiMU-BERT's uniform-label sub-windows).
     *
     */
    public static Examples examples(BaselineModel model, NDManager manager, TrainingCorpus corpus) {
        int votes = model.votes();
        int sub = BaselineInput.LENGTH / votes;
        int d = NeuralBaseline.DIM;
        List<float[]> emb = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        float[][][] x = corpus.inputs();
        int[] all = BaselineFineTuner.permutation(x.length, null);
        ParameterStore ps = new ParameterStore(manager, false);
        for (int from = 0; from < x.length; from += 256) {
            int to = Math.min(x.length, from + 256);
            float[] h;
            try (NDScope scope = new NDScope()) {
                h = model.embed(ps, BaselineFineTuner.batch(manager, x, all, from, to), false).toFloatArray();
            }
            int per = BaselineInput.LENGTH * d;
            for (int i = from; i < to; i++) {
                TrainingCorpus.Window w = corpus.windows().get(i);
                for (int v = 0; v < votes; v++) {
                    int label = votes == 1 ? w.labelIndex() : w.subLabels()[v * TrainingCorpus.SUB_WINDOWS / votes];
                    if (label < 0) continue;
                    int off = (i - from) * per + v * sub * d;
                    emb.add(Arrays.copyOfRange(h, off, off + sub * d));
                    y.add(label);
                }
            }
        }
        return new Examples(emb.toArray(new float[0][]), sub, y.stream().mapToInt(Integer::intValue).toArray());
    }
}
