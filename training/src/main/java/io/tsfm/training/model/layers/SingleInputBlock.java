package io.tsfm.training.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A block of one input array and one output array: subclasses write the typed {@link #apply} and get DJL's
 * {@code forward} from it, instead of each unwrapping an {@link NDList}. Thread-safety is the subclass's to state.
 */
public abstract class SingleInputBlock extends AbstractBlock {

    protected SingleInputBlock() {
    }

    protected SingleInputBlock(byte version) {
        super(version);
    }

    /** The block's output for {@code x}. */
    public abstract NDArray apply(ParameterStore ps, NDArray x, boolean training);

    @Override
    protected final NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                           PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.singletonOrThrow(), training));
    }
}
