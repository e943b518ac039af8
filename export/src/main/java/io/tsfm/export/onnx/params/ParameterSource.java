package io.tsfm.export.onnx.params;

import java.util.Set;

/**
 * Where the graph builders read trained weights from, by name, so they do not depend on the training framework.
 *
 * <p>Names are the model's block path joined with '.', e.g. {@code encoder.layer0.temporal_attn.query.weight}, with
 * the shapes the training blocks use ({@code Linear} weights {@code (out, in)}, biases {@code (out)}, conv weights
 * {@code (out, in, k)}). Implementations must be safe for reads from the building thread; a build reads each name at
 * most once.
 */
public interface ParameterSource {

    /**
     * The parameter called {@code name}.
     *
     * @throws java.util.NoSuchElementException naming the parameter if it is absent
     */
    ParameterTensor get(String name);

    /** Whether a parameter called {@code name} exists. */
    boolean contains(String name);

    /** All parameter names, for reporting unused or missing weights. */
    Set<String> names();
}
