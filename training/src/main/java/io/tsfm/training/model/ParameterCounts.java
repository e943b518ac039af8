package io.tsfm.training.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

/** Counts trainable parameters of a block from their shapes (no allocation needed). Stateless and thread-safe. */
public final class ParameterCounts {

    private ParameterCounts() {}

    /** Total number of scalars over all parameters that require gradients. */
    public static long trainable(Block block) {
        long total = 0;
        for (Parameter p : block.getParameters().values()) {
            if (p.requiresGradient()) {
                total += p.getShape().size();
            }
        }
        return total;
    }
}
