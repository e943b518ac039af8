package io.tsfm.datasets.eval;

/**
 * One fixed-length evaluation window cut from a {@link LabeledTable}.
 *
 * @param subject     subject of the table it came from
 * @param startSample first row of the window in that table
 * @param label       majority label index of its rows (ties → lowest index)
 * @param samples     {@code [channel][t]}, a copy
 */
public record EvalWindow(String subject, int startSample, int label, float[][] samples) {
    /** Samples per channel. */
    public int length() {
        return samples.length == 0 ? 0 : samples[0].length;
    }
}
