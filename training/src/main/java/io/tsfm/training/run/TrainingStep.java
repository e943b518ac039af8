package io.tsfm.training.run;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import io.tsfm.training.data.TrainingBatch;
import io.tsfm.training.loss.MemoryBank;
import io.tsfm.training.loss.PatchFlattening;
import io.tsfm.training.model.TrainableTsfm;
import io.tsfm.training.model.TsfmInputs;
import io.tsfm.training.optim.AdamW;
import io.tsfm.training.text.TextBank;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One training step of TSFM, shared by the trainer and the training benchmark so both measure and run the
 * same code: forward of a micro-batch, the contrastive loss against the queue, backward (gradients
 * accumulate), and the optimizer update with the reference's two clipping groups.
 */
public final class TrainingStep {
    /** Reference: clip both parameter groups to norm 1. */
    static final double CLIP = 1.0;

    private TrainingStep() {}

    /** One micro-batch forward + backward; returns {loss, temperature scale}. Gradients accumulate. */
    public static float[] step(TrainableTsfm net, ParameterStore ps, TrainingBatch batch, TextBank text, MemoryBank bank,
                                NDManager manager, Device device, int accumulation, boolean frozenLabels) {
        try (NDScope scope = new NDScope()) {
            TsfmInputs in = Batches.inputs(manager, batch, text, device);
            NDList labelTok = text.tokens(manager, batch.labelTexts());
            NDArray labelIndex = manager.create(batch.labelIndex()).toDevice(device, false);
            NDArray frozen = text.pooled(manager, batch.labelTexts()).toDevice(device, false);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = net.getModel().apply(ps, in, true);
                NDArray labels = frozenLabels ? frozen : net.getLabelBank().apply(ps, labelTok.get(0).toDevice(device, false),
                        labelTok.get(1).toDevice(device, false), true);
                NDArray u;
                NDArray rowLabel;
                if (out.getShape().dimension() == 3) {
                    u = PatchFlattening.validRows(out, in.patchMask());
                    NDArray rowSample = PatchFlattening.rowSampleIndex(in.patchMask()).toDevice(device, false);
                    rowLabel = labelIndex.get(rowSample);
                } else {
                    u = out;
                    rowLabel = labelIndex;
                }
                NDArray t = labels.get(rowLabel);
                NDArray f = frozen.get(rowLabel);
                NDList q = bank == null || bank.size() == 0 ? null : bank.queue(manager);
                NDList lossOut = net.getLoss().apply(ps, u, t, f, q == null ? null : q.get(0).toDevice(device, false),
                        q == null ? null : q.get(1).toDevice(device, false), true);
                NDArray loss = lossOut.get(0);
                float value = loss.getFloat();
                if (!Float.isFinite(value)) {
                    // a diverged step: no backward, nothing into the queue; the caller skips and counts it
                    return new float[] {value, lossOut.get(1).getFloat()};
                }
                gc.backward(loss.div((float) accumulation));
                float[] rows = u.stopGradient().toFloatArray();
                for (float r : rows) {
                    if (!Float.isFinite(r)) {
                        return new float[] {Float.NaN, lossOut.get(1).getFloat()};
                    }
                }
                if (bank != null) bank.push(rows, t.stopGradient().toFloatArray());
                return new float[] {value, lossOut.get(1).getFloat()};
            }
        }
    }

    /** Discards accumulated gradients (after a diverged step), non-finite entries included. */
    public static void zeroGradients(PairList<String, Parameter> params) {
        try (NDScope scope = new NDScope()) {
            for (Pair<String, Parameter> p : params) zero(p.getValue().getArray().getGradient());
        }
    }

    // g - g is NaN where g is NaN or infinite, so those entries are set first
    private static void zero(NDArray g) {
        g.set(g.isNaN().logicalOr(g.isInfinite()), 0f);
        g.subi(g);
    }

    /**
     * Clips (model + label bank) and the temperature separately, updates, and zeroes the gradients. A step whose
     * gradients are not finite (a finite loss can still back-propagate an infinity, e.g. through a norm at zero)
     * updates nothing: its gradients are discarded and NaN is returned, for the caller to count it as skipped.
     *
     * @return the model's gradient norm before clipping, or NaN when the step was skipped
     */
    public static double applyGradients(AdamW opt, PairList<String, Parameter> params, NDManager manager) {
        try (NDScope scope = new NDScope()) {
            Map<String, NDArray> grads = new LinkedHashMap<>();
            List<NDArray> main = new ArrayList<>();
            List<NDArray> temp = new ArrayList<>();
            for (Pair<String, Parameter> p : params) {
                NDArray g = p.getValue().getArray().getGradient();
                grads.put(p.getKey(), g);
                (p.getKey().contains("logit_scale") ? temp : main).add(g);
            }
            double norm = AdamW.clipGradNorm(main, CLIP);
            double tempNorm = AdamW.clipGradNorm(temp, CLIP);
            boolean finite = Double.isFinite(norm) && Double.isFinite(tempNorm);
            if (finite) opt.update(params, grads);
            for (NDArray g : grads.values()) zero(g);
            return finite ? norm : Double.NaN;
        }
    }

}
