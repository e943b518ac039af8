package io.tsfm.core.data.generic;

/**
 * Brings timestamped samples onto a regular grid by linear interpolation between the two neighbouring
 * samples. Used by the generic CSV format (irregular timestamps) and by the seed readers whose devices
 * sample irregularly (HHAR). The one implementation, so every reader resamples the same way and records
 * the same method ({@link #METHOD}). Stateless and thread-safe.
 */
public final class LinearResampler {
    /** How the method is named in dataset manifests. */
    public static final String METHOD = "linear interpolation onto a regular grid";

    private LinearResampler() {}

    /**
     * Number of grid points {@code t0 + k / rateHz} that lie within {@code [t0, t1]}.
     *
     * @return 0 when {@code t1 < t0}
     */
    public static int gridLength(double t0, double t1, double rateHz) {
        if (t1 < t0) return 0;
        // the epsilon keeps a grid point that falls on t1 up to rounding
        return (int) Math.floor((t1 - t0) * rateHz + 1e-6) + 1;
    }

    /**
     * Samples one channel at {@code t0 + k / rateHz}, {@code k = 0 .. n-1}.
     *
     * @param times  strictly increasing sample times in seconds
     * @param values samples at those times
     * @param t0     first grid time; the grid must lie within {@code [times[0], times[last]]}
     * @throws IllegalArgumentException when the grid leaves the sampled span or times are too few
     */
    public static float[] resample(double[] times, float[] values, double t0, double rateHz, int n) {
        if (times.length != values.length) {
            throw new IllegalArgumentException(times.length + " times but " + values.length + " values");
        }
        if (n == 0) return new float[0];
        if (times.length == 0) throw new IllegalArgumentException("no samples to resample");
        double last = t0 + (n - 1) / rateHz;
        double tol = 1e-6 / rateHz;
        if (t0 < times[0] - tol || last > times[times.length - 1] + tol) {
            throw new IllegalArgumentException("grid [" + t0 + ", " + last + "] s leaves the sampled span ["
                    + times[0] + ", " + times[times.length - 1] + "] s");
        }
        float[] out = new float[n];
        int j = 0;
        for (int k = 0; k < n; k++) {
            double t = t0 + k / rateHz;
            while (j + 1 < times.length - 1 && times[j + 1] <= t) j++;
            if (times.length == 1) {
                out[k] = values[0];
                continue;
            }
            int a = Math.min(j, times.length - 2);
            double ta = times[a];
            double tb = times[a + 1];
            double w = (t - ta) / (tb - ta);
            if (w < 0) w = 0;
            if (w > 1) w = 1;
            out[k] = (float) (values[a] + w * (values[a + 1] - values[a]));
        }
        return out;
    }

    /**
     * Resamples every channel over the whole sampled span, starting at the first timestamp.
     *
     * @param times   strictly increasing sample times in seconds
     * @param samples {@code [channel][i]}
     */
    public static float[][] resample(double[] times, float[][] samples, double rateHz) {
        int n = times.length == 0 ? 0 : gridLength(times[0], times[times.length - 1], rateHz);
        float[][] out = new float[samples.length][];
        for (int c = 0; c < samples.length; c++) {
            out[c] = resample(times, samples[c], times.length == 0 ? 0 : times[0], rateHz, n);
        }
        return out;
    }
}
