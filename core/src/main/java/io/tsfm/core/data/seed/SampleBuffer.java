package io.tsfm.core.data.seed;

import java.util.Arrays;

/** A growing run of timestamped multi-channel samples and the source lines they came from. Not thread-safe. */
final class SampleBuffer {
    private double[] times = new double[256];
    private float[][] values;
    private int size;
    private long firstLine;
    private long lastLine;

    SampleBuffer(int channels) {
        values = new float[channels][256];
    }

    void add(double time, float[] sample, long line) {
        if (size == times.length) {
            int cap = size * 2;
            times = Arrays.copyOf(times, cap);
            for (int c = 0; c < values.length; c++) values[c] = Arrays.copyOf(values[c], cap);
        }
        times[size] = time;
        for (int c = 0; c < values.length; c++) values[c][size] = sample[c];
        if (size == 0) firstLine = line;
        lastLine = line;
        size++;
    }

    int size() { return size; }
    boolean isEmpty() { return size == 0; }
    double firstTime() { return times[0]; }
    double lastTime() { return times[size - 1]; }
    long firstLine() { return firstLine; }
    long lastLine() { return lastLine; }

    /** Sample times, trimmed copy. */
    double[] times() {
        return Arrays.copyOf(times, size);
    }

    /** {@code [channel][t]}, trimmed copies. */
    float[][] channels() {
        float[][] out = new float[values.length][];
        for (int c = 0; c < values.length; c++) out[c] = Arrays.copyOf(values[c], size);
        return out;
    }
}
