package io.tsfm.export.onnx.graph;

import java.util.Objects;

/**
 * A named tensor value of an {@link OnnxGraph} (a graph input, an initializer or a node output) together with its
 * rank. The rank is tracked at build time because several helpers (reshapes that copy leading dimensions, mask
 * broadcasting) need it while the actual sizes stay dynamic. Immutable.
 *
 * @param name the ONNX value name, unique in its graph
 * @param rank number of dimensions (0 for a scalar)
 */
public record Value(String name, int rank) {

    /** Validates the fields. */
    public Value {
        Objects.requireNonNull(name, "name");
        if (rank < 0) {
            throw new IllegalArgumentException("negative rank " + rank + " for value '" + name + "'");
        }
    }
}
