package io.tsfm.training.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * Symmetric InfoNCE with soft targets, a learnable clamped temperature and optional queue negatives (spec §4.1):
 * <pre>
 * τ    = clamp(exp(logit_scale), 1, 50)                  logit_scale learnable, init ln(1/0.07)
 * Li2t = τ · u·[t ; T_q]ᵀ,   Lt2i = τ · t·[u ; U_q]ᵀ       (N, N+Q)
 * S    = f fᵀ;  S' = (S − mean S) / max(std S, 0.1) / 0.5 (mean/std over all N² entries, std unbiased)
 * Y    = [(1−w)·I + w·softmax_row(S') , 0_{N×Q}]          w = soft-target weight (1.0)
 * loss = ½ (mean_i −Σ_j Y_ij log softmax(Li2t)_ij + mean_i −Σ_j Y_ij log softmax(Lt2i)_ij)
 * </pre>
 * Forward inputs: {@code u (N, E)} IMU rows, {@code t (N, E)} learnable label rows, {@code f (N, E)} frozen label
 * rows (targets only; no gradient flows through them — pass {@code t} when no frozen rows exist, as the reference's
 * validation does), optionally {@code queue_u (Q, E)} and {@code queue_t (Q, E)} (Q may be 0). Output NDList:
 * {@code loss} (scalar) and the clamped scale {@code τ} (scalar, for logging). With N = 1 the target is the single
 * column (the unbiased std is undefined there and the floor is used). Parameter: {@code logit_scale (1)}.
 */
public final class SoftTargetInfoNce extends AbstractBlock {

    private final float minScale;
    private final float maxScale;
    private final float stdFloor;
    private final float targetTemperature;
    private final float softTargetWeight;
    private final Parameter logitScale;

    private SoftTargetInfoNce(Builder b) {
        minScale = b.minScale;
        maxScale = b.maxScale;
        stdFloor = b.stdFloor;
        targetTemperature = b.targetTemperature;
        softTargetWeight = b.softTargetWeight;
        float init = (float) Math.log(1.0 / b.initialTemperature);
        Initializer constant = (manager, shape, dataType) -> manager.full(shape, init, dataType);
        logitScale = addParameter(Parameter.builder().setName("logit_scale").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1)).optInitializer(constant).build());
    }

    /** Creates a builder with the spec's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The learnable {@code logit_scale} parameter. */
    public Parameter getLogitScale() {
        return logitScale;
    }

    /**
     * Computes the loss.
     *
     * @param queueU queued IMU rows {@code (Q, E)} or null
     * @param queueT queued label rows {@code (Q, E)} or null (both or neither)
     * @return {@code loss} and {@code τ}, both scalars
     */
    public NDList apply(ParameterStore ps, NDArray u, NDArray t, NDArray f, NDArray queueU, NDArray queueT,
                        boolean training) {
        checkRows("u", u, null);
        long n = u.getShape().get(0);
        long e = u.getShape().get(1);
        checkRows("t", t, u.getShape());
        checkRows("f", f, u.getShape());
        if ((queueU == null) != (queueT == null)) {
            throw new IllegalArgumentException("queue_u and queue_t must be given together");
        }
        if (queueU != null) {
            checkRows("queue_u", queueU, null);
            checkRows("queue_t", queueT, queueU.getShape());
            if (queueU.getShape().get(1) != e) {
                throw new IllegalArgumentException("queue rows must have width " + e + ", got " + queueU.getShape());
            }
        }

        NDArray scale = ps.getValue(logitScale, u.getDevice(), training).exp().clip(minScale, maxScale)
                .reshape(new Shape());
        NDArray keysT = queueT == null ? t : t.concat(queueT, 0);
        NDArray keysU = queueU == null ? u : u.concat(queueU, 0);
        NDArray logitsI2t = u.matMul(keysT.transpose()).mul(scale);
        NDArray logitsT2i = t.matMul(keysU.transpose()).mul(scale);

        NDArray targets = softTargets(f.stopGradient(), n);
        NDIndex batchColumns = new NDIndex(":, 0:{}", n);
        NDArray i2t = targets.mul(logitsI2t.logSoftmax(1).get(batchColumns)).sum(new int[] {1}).mean().neg();
        NDArray t2i = targets.mul(logitsT2i.logSoftmax(1).get(batchColumns)).sum(new int[] {1}).mean().neg();
        return new NDList(i2t.add(t2i).mul(0.5f), scale);
    }

    private NDArray softTargets(NDArray f, long n) {
        NDArray s = f.matMul(f.transpose());
        NDArray soft;
        if (n == 1) {
            soft = s.onesLike();
        } else {
            NDArray centred = s.sub(s.mean());
            NDArray std = centred.square().sum().div((float) (n * n - 1)).sqrt().maximum(stdFloor);
            soft = centred.div(std).div(targetTemperature).softmax(1);
        }
        if (softTargetWeight == 1f) {
            return soft;
        }
        NDArray eye = s.getManager().eye((int) n).toType(s.getDataType(), false).toDevice(s.getDevice(), false);
        return eye.mul(1f - softTargetWeight).add(soft.mul(softTargetWeight));
    }

    private static void checkRows(String name, NDArray a, Shape expected) {
        if (a.getShape().dimension() != 2) {
            throw new IllegalArgumentException(name + " must be (rows, E), got " + a.getShape());
        }
        if (expected != null && !a.getShape().equals(expected)) {
            throw new IllegalArgumentException(name + " must have shape " + expected + ", got " + a.getShape());
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        if (inputs.size() != 3 && inputs.size() != 5) {
            throw new IllegalArgumentException("InfoNCE expects (u, t, f) or (u, t, f, queue_u, queue_t), got "
                    + inputs.size() + " arrays");
        }
        NDArray qu = inputs.size() == 5 ? inputs.get(3) : null;
        NDArray qt = inputs.size() == 5 ? inputs.get(4) : null;
        return apply(ps, inputs.get(0), inputs.get(1), inputs.get(2), qu, qt, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(), new Shape()};
    }

    /** Builder for {@link SoftTargetInfoNce}; every option defaults to the spec's value. */
    public static final class Builder {
        private double initialTemperature = 0.07;
        private float minScale = 1f;
        private float maxScale = 50f;
        private float stdFloor = 0.1f;
        private float targetTemperature = 0.5f;
        private float softTargetWeight = 1f;

        private Builder() {}

        /** Initial temperature; logit_scale starts at ln(1/value) (default 0.07). */
        public Builder optInitialTemperature(double value) {
            this.initialTemperature = value;
            return this;
        }

        /** Clamp range of exp(logit_scale) (default [1, 50]). */
        public Builder optScaleRange(double min, double max) {
            this.minScale = (float) min;
            this.maxScale = (float) max;
            return this;
        }

        /** Floor of the similarity std in the soft targets (default 0.1). */
        public Builder optStdFloor(double value) {
            this.stdFloor = (float) value;
            return this;
        }

        /** Temperature of the soft-target softmax (default 0.5). */
        public Builder optTargetTemperature(double value) {
            this.targetTemperature = (float) value;
            return this;
        }

        /** Weight w of the soft targets against the identity (default 1.0 = fully soft; 0 = hard-target ablation). */
        public Builder optSoftTargetWeight(double value) {
            this.softTargetWeight = (float) value;
            return this;
        }

        /** Builds the loss block. */
        public SoftTargetInfoNce build() {
            if (!(initialTemperature > 0) || !(minScale > 0) || !(maxScale >= minScale) || !(stdFloor > 0)
                    || !(targetTemperature > 0) || !(softTargetWeight >= 0 && softTargetWeight <= 1)) {
                throw new IllegalArgumentException("invalid InfoNCE options: temperature " + initialTemperature
                        + ", scale range [" + minScale + ", " + maxScale + "], std floor " + stdFloor
                        + ", target temperature " + targetTemperature + ", soft weight " + softTargetWeight);
            }
            return new SoftTargetInfoNce(this);
        }
    }
}
