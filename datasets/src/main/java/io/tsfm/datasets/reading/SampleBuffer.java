package io.tsfm.datasets.reading;

import java.util.Arrays;

/**
 * A growable, channel-major buffer of the rows of one run being collected, with their timestamps (when the
 * source has them) and the source lines they came from, so the finished session can name its line range.
 * Not thread-safe.
 */
public final class SampleBuffer {
    private float[][] values;
    private double[] times;
    private int n;
    private long firstLine;
    private long lastLine;

    /** A buffer for {@code channels} channels. */
    public SampleBuffer(int channels) {
        values = new float[channels][256];
        times = new double[256];
    }

    /** Appends one row of {@code values.length == channels} samples taken at {@code time} seconds. */
    public void append(double time, float[] row, long line) {
        if (n == times.length) {
            int cap = n * 2;
            times = Arrays.copyOf(times, cap);
            for (int c = 0; c < values.length; c++) values[c] = Arrays.copyOf(values[c], cap);
        }
        times[n] = time;
        for (int c = 0; c < values.length; c++) values[c][n] = row[c];
        if (n == 0) firstLine = line;
        lastLine = line;
        n++;
    }

    /** Appends one row without a timestamp. */
    public void append(float[] row, long line) {
        append(0, row, line);
    }

    public int size() { return n; }
    public boolean isEmpty() { return n == 0; }
    public int channels() { return values.length; }
    /** Source line of the first row. */
    public long firstLine() { return firstLine; }
    /** Source line of the last row. */
    public long lastLine() { return lastLine; }
    /** Timestamp of the last row (seconds). */
    public double lastTime() { return times[n - 1]; }

    /** The rows so far as {@code [channel][t]} (a copy). */
    public float[][] samples() {
        float[][] out = new float[values.length][];
        for (int c = 0; c < out.length; c++) out[c] = Arrays.copyOf(values[c], n);
        return out;
    }

    /** The timestamps so far (a copy). */
    public double[] times() {
        return Arrays.copyOf(times, n);
    }

    /**
     * A finished run.
     *
     * @param samples   {@code [channel][t]}
     * @param times     timestamps (seconds; zeros when the source has none)
     * @param firstLine source line of the first row
     * @param lastLine  source line of the last row
     */
    public record Run(float[][] samples, double[] times, long firstLine, long lastLine) {
        /** Number of rows. */
        public int length() {
            return times.length;
        }
    }

    /**
     * Ends the run collected so far: returns it and empties the buffer. A run of fewer than 2 rows is no
     * session: it is counted in {@code log} as the warning "{@code <what>} shorter than 2 rows skipped" at its
     * first line and null is returned, as for an empty buffer.
     */
    public Run take(ProblemLog log, String file, String what) {
        if (n == 0) return null;
        Run run = n < 2 ? null : new Run(samples(), times(), firstLine, lastLine);
        if (run == null) log.warning(file, firstLine, 0, what + " shorter than 2 rows skipped", 1);
        n = 0;
        return run;
    }

    /** Empties the buffer, keeping its capacity. */
    public void clear() {
        n = 0;
    }
}
