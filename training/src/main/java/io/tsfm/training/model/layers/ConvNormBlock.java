package io.tsfm.training.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;

/**
 * One convolution block of the feature extractor (spec §3.2):
 * {@code Conv1d(in→out, k, padding k/2, no bias) → GroupNorm(1, out) → GELU → Dropout} on {@code (N, in, L)},
 * giving {@code (N, out, L)}. Conv weight init is PyTorch's default {@code U(±1/√(in·k))}.
 *
 * <p>The GroupNorm child is named {@code gn} (no "norm" substring) on purpose: the reference decays GroupNorm weights
 * because its name-based weight-decay rule never sees "norm" in their Sequential-index names (spec §9.3-8), and
 * {@code WeightDecayRule} reproduces that from these names.
 */
public final class ConvNormBlock extends SingleInputBlock {

    private final long inChannels;
    private final long outChannels;
    private final int kernel;
    private final float dropout;
    private final Parameter weight;
    private final SingleGroupNorm norm;

    /** A block mapping {@code in} to {@code out} channels with an odd kernel size. */
    public ConvNormBlock(long in, long out, int kernel, float dropout) {
        if (kernel <= 0 || kernel % 2 == 0) {
            throw new IllegalArgumentException("conv kernel must be odd and positive for 'same' padding, got " + kernel);
        }
        this.inChannels = in;
        this.outChannels = out;
        this.kernel = kernel;
        this.dropout = dropout;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, in, kernel)).optInitializer(Inits.pytorchDefault(in * kernel)).build());
        norm = addChildBlock("gn", new SingleGroupNorm(out));
    }

    /** Applies the block to {@code x (N, in, L)}. */
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray y = Conv1d.conv1d(x, w, null, new Shape(1), new Shape(kernel / 2), new Shape(1), 1)
                .singletonOrThrow();
        y = Activation.gelu(norm.apply(ps, y, training));
        return Dropout.dropout(y, dropout, training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), outChannels, in.get(2))};
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        if (inputShapes[0].get(1) != inChannels) {
            throw new IllegalArgumentException("conv block expects " + inChannels + " input channels, got shape "
                    + inputShapes[0]);
        }
        super.beforeInitialize(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        norm.initialize(manager, dataType, getOutputShapes(inputShapes));
    }
}
