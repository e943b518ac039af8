package io.tsfm.training.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;

/**
 * A fully connected layer {@code y = x·Wᵀ + b} over the last axis of an input of any rank.
 *
 * <p>Unlike DJL's {@link Linear} block, both dimensions are fixed at construction so parameter shapes (and therefore
 * parameter counts) are known before initialisation, and every instance states its PyTorch initialisation rule.
 * Default initialisation is PyTorch's {@code nn.Linear} default, {@code U(±1/√in)} for weight and bias.
 * Parameters: {@code weight (out, in)}, optional {@code bias (out)}. Not thread-safe during initialisation; forward
 * passes are as thread-safe as the engine.
 */
public final class Dense extends SingleInputBlock {

    private final long inFeatures;
    private final long outFeatures;
    private final Parameter weight;
    private final Parameter bias;

    private Dense(Builder builder) {
        inFeatures = builder.in;
        outFeatures = builder.out;
        Initializer wInit = builder.weightInit != null ? builder.weightInit : Inits.pytorchDefault(inFeatures);
        weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(outFeatures, inFeatures))
                .optInitializer(wInit)
                .build());
        if (builder.bias) {
            Initializer bInit = builder.biasInit != null ? builder.biasInit : Inits.pytorchDefault(inFeatures);
            bias = addParameter(Parameter.builder()
                    .setName("bias")
                    .setType(Parameter.Type.BIAS)
                    .optShape(new Shape(outFeatures))
                    .optInitializer(bInit)
                    .build());
        } else {
            bias = null;
        }
    }

    /** Creates a builder; {@code setInFeatures} and {@code setOutFeatures} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Shorthand for a layer with PyTorch default initialisation and a bias. */
    public static Dense of(long in, long out) {
        return builder().setInFeatures(in).setOutFeatures(out).build();
    }

    /** Input feature count. */
    public long getInFeatures() {
        return inFeatures;
    }

    /** Output feature count. */
    public long getOutFeatures() {
        return outFeatures;
    }

    /** Applies the layer to {@code x (…, in)}, returning {@code (…, out)}. */
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = bias == null ? null : ps.getValue(bias, x.getDevice(), training);
        return Linear.linear(x, w, b).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).add(outFeatures)};
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        Shape in = inputShapes[0];
        if (in.get(in.dimension() - 1) != inFeatures) {
            throw new IllegalArgumentException(
                    "Dense expects last axis " + inFeatures + " but got input shape " + in);
        }
        super.beforeInitialize(inputShapes);
    }

    /** Builder for {@link Dense}: setX required, optX optional. */
    public static final class Builder {
        private long in;
        private long out;
        private boolean bias = true;
        private Initializer weightInit;
        private Initializer biasInit;
        private boolean xavier;

        private Builder() {}

        /** Input feature count (required). */
        public Builder setInFeatures(long in) {
            this.in = in;
            return this;
        }

        /** Output feature count (required). */
        public Builder setOutFeatures(long out) {
            this.out = out;
            return this;
        }

        /** Whether the layer has a bias (default true). */
        public Builder optBias(boolean bias) {
            this.bias = bias;
            return this;
        }

        /** Weight initialiser (default PyTorch {@code U(±1/√in)}). */
        public Builder optWeightInit(Initializer init) {
            this.weightInit = init;
            return this;
        }

        /** Bias initialiser (default PyTorch {@code U(±1/√in)}). */
        public Builder optBiasInit(Initializer init) {
            this.biasInit = init;
            return this;
        }

        /** Xavier-uniform weight (gain 1, fans from this layer's sizes) and zero bias. */
        public Builder optXavierZeroBias() {
            this.xavier = true;
            return this;
        }

        /** Builds the layer. */
        public Dense build() {
            if (in <= 0 || out <= 0) {
                throw new IllegalArgumentException("Dense needs positive in/out features, got " + in + "→" + out);
            }
            if (xavier) {
                weightInit = Inits.xavierUniform(in, out);
                biasInit = Inits.zeros();
            }
            return new Dense(this);
        }
    }
}
