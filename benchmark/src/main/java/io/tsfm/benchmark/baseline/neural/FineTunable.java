package io.tsfm.benchmark.baseline.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * A model {@link BaselineFineTuner} can train on a test dataset's labelled windows: a pretrained encoder and a fresh head,
 * both initialised, whose logits cover the dataset's labels in order. The encoder and the head get their own
 * learning rates. Not thread-safe.
 */
public interface FineTunable {

    /** The pretrained part (learning rate 1e-5 in the reference). */
    Block encoder();

    /** The fresh part (learning rate 1e-3). */
    Block head();

    /**
     * Logits of a batch.
     *
     * @param input {@code (N, 120, 6)} {@link BaselineInput} windows
     * @return {@code (N, C)}
     */
    NDArray logits(ParameterStore ps, NDArray input, boolean training);
}
