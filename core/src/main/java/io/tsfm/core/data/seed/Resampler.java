package io.tsfm.core.data.seed;

/**
 * Linear interpolation of irregularly timestamped samples onto a uniform grid — how the reference brought
 * smartphone recordings with jittery clocks (and separately clocked sensors) to one rate. NaN neighbours give
 * NaN (left to the missing-value policy). Stateless.
 */
final class Resampler {
    private Resampler() {}

    /**
     * Number of grid points at {@code rate} in {@code [start, end]}; an end short of a grid point by less than
     * 1e-4 of a period (clock rounding) still reaches it.
     */
    static int gridLength(double start, double end, double rate) {
        if (!(end >= start)) return 0;
        return (int) Math.floor((end - start) * rate + 1e-4) + 1;
    }

    /**
     * Values at {@code start + k / rate}, {@code k < n}, interpolated from samples at strictly increasing
     * {@code times}; grid points outside the sampled span take the nearest end value.
     */
    static float[][] interpolate(double[] times, float[][] values, double start, double rate, int n) {
        float[][] out = new float[values.length][n];
        int j = 0;
        int last = times.length - 1;
        for (int k = 0; k < n; k++) {
            double t = start + k / rate;
            while (j < last - 1 && times[j + 1] <= t) j++;
            int hi = Math.min(j + 1, last);
            double w;
            if (last == 0 || t <= times[j]) {
                w = 0;
            } else if (t >= times[hi]) {
                w = 1;
            } else {
                w = (t - times[j]) / (times[hi] - times[j]);
            }
            for (int c = 0; c < values.length; c++) {
                float a = values[c][j];
                float b = values[c][hi];
                out[c][k] = w == 0 ? a : w == 1 ? b : (float) (a + (b - a) * w);
            }
        }
        return out;
    }

    /** The whole run brought to {@code rate}, starting at its first sample. */
    static float[][] toRate(double[] times, float[][] values, double rate) {
        int n = gridLength(times[0], times[times.length - 1], rate);
        return interpolate(times, values, times[0], rate, n);
    }

    /**
     * The run as sampled when every timestamp lies within a quarter period of the {@code rate} grid started at
     * the first sample (kept bit-exact), otherwise the run interpolated onto that grid.
     */
    static float[][] regularize(double[] times, float[][] values, double rate) {
        double tolerance = 0.25 / rate;
        boolean onGrid = true;
        for (int i = 0; i < times.length && onGrid; i++) {
            onGrid = Math.abs(times[i] - times[0] - i / rate) <= tolerance;
        }
        return onGrid ? values : toRate(times, values, rate);
    }
}
