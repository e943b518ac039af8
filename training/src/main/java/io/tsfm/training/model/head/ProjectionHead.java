package io.tsfm.training.model.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import io.tsfm.training.model.layers.Dense;
import io.tsfm.training.model.layers.SingleInputBlock;

/**
 * {@code Linear(D_f→2D_f) → GELU → Linear(2D_f→2D_f) → GELU → Linear(2D_f→E)}, no dropout, Xavier-uniform weights
 * and zero biases (spec §3.7). Input {@code (…, D_f)}, output {@code (…, E)}, not normalised.
 */
public final class ProjectionHead extends SingleInputBlock {

    private final Dense fc1;
    private final Dense fc2;
    private final Dense fc3;

    /** A projection from {@code fusedDim} to {@code outDim}. */
    public ProjectionHead(int fusedDim, int outDim) {
        long hidden = 2L * fusedDim;
        fc1 = addChildBlock("fc1", Dense.builder().setInFeatures(fusedDim).setOutFeatures(hidden)
                .optXavierZeroBias().build());
        fc2 = addChildBlock("fc2", Dense.builder().setInFeatures(hidden).setOutFeatures(hidden)
                .optXavierZeroBias().build());
        fc3 = addChildBlock("fc3", Dense.builder().setInFeatures(hidden).setOutFeatures(outDim)
                .optXavierZeroBias().build());
    }

    /** Projects {@code x (…, D_f)}. */
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray h = Activation.gelu(fc1.apply(ps, x, training));
        h = Activation.gelu(fc2.apply(ps, h, training));
        return fc3.apply(ps, h, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return fc3.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] s = inputShapes;
        fc1.initialize(manager, dataType, s);
        s = fc1.getOutputShapes(s);
        fc2.initialize(manager, dataType, s);
        s = fc2.getOutputShapes(s);
        fc3.initialize(manager, dataType, s);
    }
}
