package io.tsfm.benchmark.baseline.neural;

import java.util.List;

/**
 * A baseline's zero-shot model: a classifier over its training labels. A window gets one or more votes (LiMU-BERT
 * scores each of its six 1 s sub-windows, CrossHAR the whole window once), each a row of scores over
 * {@link #labels()}. Implementations state their thread-safety; owners close them.
 */
public interface TrainingLabelScorer extends AutoCloseable {

    /** The model's id recorded with results (its checkpoint's SHA-256). */
    String modelId();

    /** The training labels, the score columns, in order. */
    List<String> labels();

    /**
     * Scores windows.
     *
     * @param inputs {@link BaselineInput} windows, {@code [window][t][c]}
     * @return {@code [window][vote][label]}, every row {@code labels().size()} long
     */
    float[][][] scores(float[][][] inputs);

    @Override
    void close();
}
