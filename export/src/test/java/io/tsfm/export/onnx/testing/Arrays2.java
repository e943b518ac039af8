package io.tsfm.export.onnx.testing;

import java.util.Random;

/** Random inputs and comparison helpers for the ONNX tests. */
public final class Arrays2 {

    private Arrays2() {}

    /** {@code n} values uniform in {@code ±bound}. */
    public static float[] uniform(Random rng, int n, double bound) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        return x;
    }

    /** {@code n} standard normal values. */
    public static float[] normal(Random rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }

    /** Largest absolute difference of two equally long arrays. */
    public static double maxAbsDiff(float[] actual, double[] expected) {
        if (actual.length != expected.length) {
            throw new AssertionError("length " + actual.length + " != expected " + expected.length);
        }
        double m = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = Math.abs(actual[i] - expected[i]);
            if (Double.isNaN(d)) {
                return Double.POSITIVE_INFINITY;
            }
            m = Math.max(m, d);
        }
        return m;
    }

    /** Largest absolute difference of two float arrays. */
    public static double maxAbsDiff(float[] a, float[] b) {
        double[] e = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            e[i] = b[i];
        }
        return maxAbsDiff(a, e);
    }

    /** Row {@code i} of width {@code w} as doubles. */
    public static double[] row(float[] x, int i, int w) {
        double[] r = new double[w];
        for (int j = 0; j < w; j++) {
            r[j] = x[i * w + j];
        }
        return r;
    }

    /** Concatenated rows. */
    public static double[] flatten(double[][] rows) {
        int w = rows[0].length;
        double[] out = new double[rows.length * w];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * w, w);
        }
        return out;
    }
}
