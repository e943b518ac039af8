package io.tsfm.benchmark.baseline.neural;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.tsfm.training.finetune.FineTuningDivergedException;
import io.tsfm.training.model.layers.Dense;
import io.tsfm.training.optim.AdamW;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Self-supervised pretraining of a baseline's encoder on the training windows. Both baselines: LiMU-BERT's masked
 * reconstruction ({@link SpanMask}, a {@link ReconstructionHead}, mean squared error over the masked steps of the
 * normalised input). CrossHAR adds a contrastive loss: the mean-pooled embedding of the masked window and of an
 * augmented copy of it (random 3-D rotation applied alike to acc and gyro, amplitude scaling 0.8-1.2, Gaussian
 * jitter 0.05 of the normalised scale) are projected (Linear d→d), L2-normalised and matched by symmetric InfoNCE at
 * temperature 0.1 against the other windows of the batch; loss = reconstruction + contrastive. Adam at 1e-3, no
 * weight decay. Not thread-safe.
 */
public final class Pretrainer {
    private static final float TEMPERATURE = 0.1f;

    private final NeuralBaseline kind;
    private final ImuBertEncoder encoder;
    private final ReconstructionHead decoder;
    private final Dense projection;
    private final NDManager manager;
    private final ParameterStore ps;
    private final List<PairList<String, Parameter>> groups = new ArrayList<>();
    private final List<AdamW> optimizers = new ArrayList<>();
    private final SpanMask mask;
    private final Random rng;

    /**
     * Pretraining of {@code encoder} (initialised) with fresh decoder (and projection) on {@code manager}.
     *
     * @param lr Adam's learning rate (LiMU-BERT 1e-3)
     */
    public Pretrainer(NeuralBaseline kind, ImuBertEncoder encoder, NDManager manager, double lr, long seed) {
        this.kind = kind;
        this.encoder = encoder;
        this.manager = manager;
        Shape hidden = new Shape(1, BaselineInput.LENGTH, NeuralBaseline.DIM);
        decoder = new ReconstructionHead(NeuralBaseline.DIM);
        decoder.initialize(manager, DataType.FLOAT32, hidden);
        projection = kind.contrastive() ? Dense.of(NeuralBaseline.DIM, NeuralBaseline.DIM) : null;
        if (projection != null) projection.initialize(manager, DataType.FLOAT32, new Shape(1, NeuralBaseline.DIM));
        groups.add(encoder.getParameters());
        groups.add(decoder.getParameters());
        if (projection != null) groups.add(projection.getParameters());
        for (PairList<String, Parameter> g : groups) {
            BaselineFineTuner.requireGradients(g);
            optimizers.add(new AdamW(manager, lr, 0));
        }
        ps = new ParameterStore(manager, false);
        rng = new Random(seed);
        mask = new SpanMask(new Random(seed + 1));
    }

    /**
     * One step's losses.
     *
     * @param total          reconstruction + contrastive
     * @param reconstruction the masked-step MSE
     * @param contrastive    InfoNCE (0 for LiMU-BERT)
     */
    public record Loss(double total, double reconstruction, double contrastive) {
        /** Whether the step's loss was finite, so it was back-propagated and applied. */
        public boolean finite() {
            return Double.isFinite(total);
        }
    }

    /**
     * One optimisation step on the windows {@code x[order[from..to)]}. A non-finite loss is returned without a
     * backward pass or an update (as in training): one bad batch must not turn every weight and both Adam moments
     * into NaN for the rest of the run.
     */
    public Loss step(float[][][] x, int[] order, int from, int to) {
        int n = to - from;
        int t = BaselineInput.LENGTH;
        float[] keep = new float[n * t];
        float[] chosen = new float[n * t];
        for (int i = 0; i < n; i++) {
            boolean[] pos = mask.positions(t);
            boolean zero = mask.zeroes();
            for (int s = 0; s < t; s++) {
                chosen[i * t + s] = pos[s] ? 1f : 0f;
                keep[i * t + s] = pos[s] && zero ? 0f : 1f;
            }
        }
        try (NDScope scope = new NDScope()) {
            NDArray raw = BaselineFineTuner.batch(manager, x, order, from, to);
            NDArray target = kind.normalize(raw);
            NDArray keepArr = manager.create(keep, new Shape(n, t, 1));
            NDArray chosenArr = manager.create(chosen, new Shape(n, t, 1));
            NDArray aug = kind.contrastive() ? kind.normalize(augment(x, order, from, to)) : null;
            Loss out;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray h = encoder.apply(ps, target.mul(keepArr), true);
                NDArray err = decoder.apply(ps, h, true).sub(target).square().mul(chosenArr);
                NDArray rec = err.sum().div(chosenArr.sum().mul((float) BaselineInput.CHANNELS));
                NDArray loss = rec;
                double nce = 0;
                if (aug != null) {
                    NDArray z1 = unit(projection.apply(ps, h.mean(new int[] {1}), true));
                    NDArray z2 = unit(projection.apply(ps, encoder.apply(ps, aug, true).mean(new int[] {1}), true));
                    NDArray logits = z1.matMul(z2.transpose()).div(TEMPERATURE);
                    NDArray eye = manager.eye(n);
                    NDArray c = logits.logSoftmax(1).mul(eye).sum().add(logits.logSoftmax(0).mul(eye).sum())
                            .neg().div(2f * n);
                    nce = c.getFloat();
                    loss = rec.add(c);
                }
                out = new Loss(loss.getFloat(), rec.getFloat(), nce);
                if (!out.finite()) return out;
                gc.backward(loss);
            }
            for (int g = 0; g < groups.size(); g++) optimizers.get(g).step(groups.get(g), 0);
            return out;
        }
    }

    private static NDArray unit(NDArray z) {
        return z.div(z.square().sum(new int[] {1}, true).add(1e-12f).sqrt());
    }

    private NDArray augment(float[][][] x, int[] order, int from, int to) {
        int n = to - from;
        int t = BaselineInput.LENGTH;
        float[] flat = new float[n * t * 6];
        for (int i = 0; i < n; i++) {
            double[][] r = randomRotation();
            double scale = 0.8 + 0.4 * rng.nextDouble();
            float[][] w = x[order[from + i]];
            for (int s = 0; s < t; s++) {
                for (int sensor = 0; sensor < 2; sensor++) {
                    for (int a = 0; a < 3; a++) {
                        double v = 0;
                        for (int b = 0; b < 3; b++) v += r[a][b] * w[s][sensor * 3 + b];
                        flat[(i * t + s) * 6 + sensor * 3 + a] = (float) (v * scale);
                    }
                }
            }
        }
        NDArray a = manager.create(flat, new Shape(n, t, 6));
        // jitter relative to each channel's spread, so it means the same for acc (m/s²) and gyro (rad/s)
        NDArray std = a.sub(a.mean(new int[] {1}, true)).square().mean(new int[] {1}, true).sqrt();
        return a.add(manager.randomNormal(0f, 0.05f, a.getShape(), DataType.FLOAT32).mul(std));
    }

    /** A uniformly random rotation (from a random unit quaternion). */
    private double[][] randomRotation() {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble() * 2 * Math.PI;
        double u3 = rng.nextDouble() * 2 * Math.PI;
        double a = Math.sqrt(1 - u1) * Math.sin(u2);
        double b = Math.sqrt(1 - u1) * Math.cos(u2);
        double c = Math.sqrt(u1) * Math.sin(u3);
        double d = Math.sqrt(u1) * Math.cos(u3);
        return new double[][] {
            {1 - 2 * (c * c + d * d), 2 * (b * c - a * d), 2 * (b * d + a * c)},
            {2 * (b * c + a * d), 1 - 2 * (b * b + d * d), 2 * (c * d - a * b)},
            {2 * (b * d - a * c), 2 * (c * d + a * b), 1 - 2 * (b * b + c * c)},
        };
    }

    /**
     * Runs epochs over {@code x} (shuffled each epoch) until {@code maxEpochs} or {@code maxSeconds} (checked after
     * each step), telling {@code log} each epoch's mean losses. Steps with a non-finite loss are skipped (see
     * {@link #step}) and counted; an epoch that skips more than half of its steps ends the run.
     *
     * @return the mean losses of every epoch run over its finite steps (the last may be partial)
     * @throws FineTuningDivergedException when most of an epoch's steps were non-finite
     */
    public List<Loss> run(float[][][] x, int batchSize, int maxEpochs, double maxSeconds, Consumer<String> log) {
        long t0 = System.nanoTime();
        List<Loss> epochs = new ArrayList<>();
        for (int e = 1; e <= maxEpochs; e++) {
            int[] order = BaselineFineTuner.permutation(x.length, rng);
            double tot = 0;
            double rec = 0;
            double con = 0;
            int steps = 0;
            int skipped = 0;
            boolean outOfTime = false;
            for (int from = 0; from < x.length; from += batchSize) {
                int to = Math.min(x.length, from + batchSize);
                if (to - from < 2) continue; // a contrastive batch needs two windows
                Loss l = step(x, order, from, to);
                if (l.finite()) {
                    tot += l.total();
                    rec += l.reconstruction();
                    con += l.contrastive();
                    steps++;
                } else {
                    skipped++;
                }
                if (log != null && l.finite() && steps % 10 == 0) {
                    log.accept(String.format(java.util.Locale.ROOT, "pretrain epoch %d: step %d/%d, loss %.4f, %.0f s",
                            e, steps, (x.length + batchSize - 1) / batchSize, tot / steps,
                            (System.nanoTime() - t0) / 1e9));
                }
                if ((System.nanoTime() - t0) / 1e9 > maxSeconds) {
                    outOfTime = true;
                    break;
                }
            }
            if (skipped > steps) {
                throw new FineTuningDivergedException(String.format(java.util.Locale.ROOT,
                        "%s pretraining diverged: %d of %d steps of epoch %d had a non-finite loss",
                        kind, skipped, skipped + steps, e));
            }
            Loss mean = new Loss(tot / steps, rec / steps, con / steps);
            epochs.add(mean);
            if (log != null) {
                log.accept(String.format(java.util.Locale.ROOT, "pretrain epoch %d%s: loss %.4f (reconstruction %.4f, "
                        + "contrastive %.4f), %d steps%s, %.0f s", e, outOfTime ? " (partial, time budget)" : "",
                        mean.total(), mean.reconstruction(), mean.contrastive(), steps,
                        skipped == 0 ? "" : " (" + skipped + " non-finite skipped)", (System.nanoTime() - t0) / 1e9));
            }
            if (outOfTime) break;
        }
        return epochs;
    }
}
