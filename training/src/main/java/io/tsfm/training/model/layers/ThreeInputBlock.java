package io.tsfm.training.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A block of three input arrays (typically values and two masks or key biases) and one output array: subclasses
 * write the typed {@link #apply} and get DJL's {@code forward} from it, as {@link SingleInputBlock} does for one input
 * and {@link TwoInputBlock} for two. Thread-safety is the subclass's to state.
 */
public abstract class ThreeInputBlock extends AbstractBlock {

    protected ThreeInputBlock() {
    }

    /** The block's output for {@code x} and its companion inputs {@code y} and {@code z}. */
    public abstract NDArray apply(ParameterStore ps, NDArray x, NDArray y, NDArray z, boolean training);

    @Override
    protected final NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                           PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.get(0), inputs.get(1), inputs.get(2), training));
    }
}
