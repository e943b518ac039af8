package io.tsfm.benchmark.baseline.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import io.tsfm.training.model.layers.Dense;
import io.tsfm.training.model.layers.LayerNormalization;
import io.tsfm.training.model.layers.MultiHeadAttention;
import io.tsfm.training.model.layers.SingleInputBlock;

/**
 * CrossHAR's classifier ({@code Transformer_ft}, spec §6.6): Linear(d→100), sinusoidal positions added, one
 * post-norm transformer encoder layer as PyTorch's {@code nn.TransformerEncoderLayer} (4 heads, feed-forward 2048,
 * ReLU, dropout 0.1), mean over time, Linear(100→C). Input {@code (N, T, d)}, output {@code (N, C)}. Thread-safe
 * for forward passes.
 */
public final class TransformerFtHead extends SingleInputBlock {
    private static final int WIDTH = 100;
    private static final int FF = 2048;
    private static final float DROPOUT = 0.1f;
    private final int inDim;
    private final Dense in;
    private final MultiHeadAttention attention;
    private final LayerNormalization norm1;
    private final Dense ff1;
    private final Dense ff2;
    private final LayerNormalization norm2;
    private final Dense out;

    /** A head over {@code classes} labels reading embeddings of width {@code inDim}. */
    public TransformerFtHead(int inDim, int classes) {
        this.inDim = inDim;
        in = addChildBlock("in", Dense.of(inDim, WIDTH));
        attention = addChildBlock("self_attn", MultiHeadAttention.builder().setDim(WIDTH).setHeads(4)
                .optDropout(DROPOUT).build());
        norm1 = addChildBlock("norm1", new LayerNormalization(WIDTH));
        ff1 = addChildBlock("linear1", Dense.of(WIDTH, FF));
        ff2 = addChildBlock("linear2", Dense.of(FF, WIDTH));
        norm2 = addChildBlock("norm2", new LayerNormalization(WIDTH));
        out = addChildBlock("out", Dense.of(WIDTH, classes));
    }

    /** Logits of embeddings {@code (N, T, d)}. */
    @Override
    public NDArray apply(ParameterStore ps, NDArray h, boolean training) {
        long t = h.getShape().get(1);
        NDArray x = in.apply(ps, h, training).add(positions(h.getManager(), t).toDevice(h.getDevice(), false));
        NDArray a = attention.apply(ps, x, x, x, null, training);
        x = norm1.apply(ps, x.add(drop(a, training)), training);
        NDArray f = ff2.apply(ps, drop(Activation.relu(ff1.apply(ps, x, training)), training), training);
        x = norm2.apply(ps, x.add(drop(f, training)), training);
        return out.apply(ps, x.mean(new int[] {1}), training);
    }

    /** The sinusoidal table {@code (t, 100)}: sin on even, cos on odd features. */
    static NDArray positions(NDManager manager, long t) {
        float[] pe = new float[(int) t * WIDTH];
        for (int p = 0; p < t; p++) {
            for (int i = 0; i < WIDTH; i += 2) {
                double angle = p / Math.pow(10000, i / (double) WIDTH);
                pe[p * WIDTH + i] = (float) Math.sin(angle);
                pe[p * WIDTH + i + 1] = (float) Math.cos(angle);
            }
        }
        return manager.create(pe, new Shape(t, WIDTH));
    }

    private static NDArray drop(NDArray x, boolean training) {
        return training ? Dropout.dropout(x, DROPOUT, true).singletonOrThrow() : x;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), out.getOutFeatures())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        Shape x = new Shape(s.get(0), s.get(1), WIDTH);
        in.initialize(manager, dataType, s);
        attention.initialize(manager, dataType, x, x, x);
        norm1.initialize(manager, dataType, x);
        ff1.initialize(manager, dataType, x);
        ff2.initialize(manager, dataType, new Shape(s.get(0), s.get(1), FF));
        norm2.initialize(manager, dataType, x);
        out.initialize(manager, dataType, new Shape(s.get(0), WIDTH));
    }
}
