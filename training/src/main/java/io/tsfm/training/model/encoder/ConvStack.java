package io.tsfm.training.model.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.tsfm.training.model.layers.ConvNormBlock;
import io.tsfm.training.model.layers.SingleInputBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * The feature extractor's convolution blocks followed by a global average over time (spec §3.2):
 * {@code (N, 1, S) → (N, channels[last])}. With {@code [32, 64]}: 1→32→64.
 */
public final class ConvStack extends SingleInputBlock {

    private final List<ConvNormBlock> blocks = new ArrayList<>();
    private final long outChannels;

    /** Blocks {@code 1 → channels[0] → … → channels[last]} with one odd kernel size. */
    public ConvStack(int[] channels, int kernel, float dropout) {
        long in = 1;
        for (int i = 0; i < channels.length; i++) {
            blocks.add(addChildBlock("conv" + i, new ConvNormBlock(in, channels[i], kernel, dropout)));
            in = channels[i];
        }
        outChannels = in;
    }

    /** Output feature count (last conv channels). */
    public long getOutChannels() {
        return outChannels;
    }

    /** {@code x (N, 1, S)} → {@code (N, outChannels)}. */
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray y = x;
        for (ConvNormBlock b : blocks) {
            y = b.apply(ps, y, training);
        }
        return y.mean(new int[] {2});
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), outChannels)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shape = inputShapes[0];
        for (ConvNormBlock b : blocks) {
            b.initialize(manager, dataType, shape);
            shape = b.getOutputShapes(new Shape[] {shape})[0];
        }
    }
}
