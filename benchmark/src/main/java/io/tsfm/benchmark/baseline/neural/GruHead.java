package io.tsfm.benchmark.baseline.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.recurrent.GRU;
import ai.djl.training.ParameterStore;
import io.tsfm.training.model.layers.Dense;
import io.tsfm.training.model.layers.SingleInputBlock;

/**
 * LiMU-BERT's classifier (its {@code ClassifierGRU}, spec §6.6): GRU(d→20, 2 layers) → GRU(20→10) → the last
 * step's state → dropout 0.5 → Linear(10→C). Input {@code (N, T, d)} encoder embeddings, output {@code (N, C)}.
 * Thread-safe for forward passes.
 */
public final class GruHead extends SingleInputBlock {
    private static final float DROPOUT = 0.5f;
    private final GRU first;
    private final GRU second;
    private final Dense out;

    /** A head over {@code classes} labels. */
    public GruHead(int classes) {
        first = addChildBlock("gru0", GRU.builder().setStateSize(20).setNumLayers(2).optBatchFirst(true)
                .optReturnState(false).build());
        second = addChildBlock("gru1", GRU.builder().setStateSize(10).setNumLayers(1).optBatchFirst(true)
                .optReturnState(false).build());
        out = addChildBlock("out", Dense.of(10, classes));
    }

    /** Logits of embeddings {@code (N, T, d)}. */
    @Override
    public NDArray apply(ParameterStore ps, NDArray h, boolean training) {
        NDArray a = first.forward(ps, new NDList(h), training).get(0);
        NDArray b = second.forward(ps, new NDList(a), training).get(0);
        long t = b.getShape().get(1);
        NDArray last = b.get(new NDIndex(":, {}, :", t - 1));
        if (training) last = Dropout.dropout(last, DROPOUT, true).singletonOrThrow();
        return out.apply(ps, last, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), out.getOutFeatures())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        first.initialize(manager, dataType, in);
        Shape mid = new Shape(in.get(0), in.get(1), 20);
        second.initialize(manager, dataType, mid);
        out.initialize(manager, dataType, new Shape(in.get(0), 10));
    }
}
