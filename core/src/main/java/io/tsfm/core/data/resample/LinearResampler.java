package io.tsfm.core.data.resample;

/**
 * Brings irregularly timestamped samples onto a regular clock by linear interpolation between the two
 * nearest source samples (no filtering, no extrapolation). Several streams are put on one common clock
 * that covers only the interval where every stream has data. Stateless and thread-safe.
 */
public final class LinearResampler {
    private LinearResampler() {}

    /**
     * A regular clock: {@code n} instants {@code start + k * step}.
     *
     * @param start first instant
     * @param step  spacing ({@code 1 / rate})
     * @param n     number of instants (0 when the interval is too short)
     */
    public record Clock(double start, double step, int n) {
        /** Instant {@code k}, computed by multiplication so errors do not accumulate. */
        public double time(int k) {
            return start + k * step;
        }
    }

    /**
     * The clock at {@code rateHz} covering the interval where all streams have samples: it starts at the
     * latest first timestamp and ends at or before the earliest last timestamp.
     *
     * @param rateHz target rate, in samples per unit of the timestamps (e.g. per second)
     * @param times  each stream's strictly increasing timestamps
     */
    public static Clock commonClock(double rateHz, double[]... times) {
        if (!(rateHz > 0)) throw new IllegalArgumentException("rate must be positive, got " + rateHz);
        double start = Double.NEGATIVE_INFINITY;
        double end = Double.POSITIVE_INFINITY;
        for (double[] t : times) {
            if (t.length == 0) return new Clock(0, 1.0 / rateHz, 0);
            start = Math.max(start, t[0]);
            end = Math.min(end, t[t.length - 1]);
        }
        if (times.length == 0 || end < start) return new Clock(0, 1.0 / rateHz, 0);
        double step = 1.0 / rateHz;
        // a relative slack so that an end falling exactly on an instant is kept despite rounding
        long n = (long) Math.floor((end - start) * rateHz + 1e-9) + 1;
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("clock of " + n + " samples is too long");
        return new Clock(start, step, (int) n);
    }

    /**
     * Values of one channel at every instant of {@code clock}.
     *
     * @param t      source timestamps, strictly increasing
     * @param v      source values, {@code v.length == t.length}
     * @param clock  target instants; each must lie within {@code [t[0], t[last]]} (up to rounding, clamped)
     * @return {@code clock.n()} interpolated values
     */
    public static float[] resample(double[] t, float[] v, Clock clock) {
        if (t.length != v.length) {
            throw new IllegalArgumentException(t.length + " timestamps but " + v.length + " values");
        }
        float[] out = new float[clock.n()];
        if (clock.n() == 0) return out;
        if (t.length == 1) {
            java.util.Arrays.fill(out, v[0]);
            return out;
        }
        int j = 0; // t[j] <= x < t[j+1] for the current target x
        int last = t.length - 1;
        for (int k = 0; k < out.length; k++) {
            double x = clock.time(k);
            while (j < last - 1 && t[j + 1] <= x) j++;
            double t0 = t[j];
            double t1 = t[j + 1];
            if (!(t1 > t0)) {
                throw new IllegalArgumentException("timestamps must be strictly increasing: t[" + j + "]=" + t0
                        + ", t[" + (j + 1) + "]=" + t1);
            }
            double w = (x - t0) / (t1 - t0);
            if (w < 0) w = 0;
            else if (w > 1) w = 1;
            out[k] = (float) (v[j] + w * ((double) v[j + 1] - v[j]));
        }
        return out;
    }

    /** Every channel of one stream ({@code v[channel][i]}) on {@code clock}. */
    public static float[][] resample(double[] t, float[][] v, Clock clock) {
        float[][] out = new float[v.length][];
        for (int c = 0; c < v.length; c++) out[c] = resample(t, v[c], clock);
        return out;
    }

    /**
     * The longest interval between consecutive timestamps, i.e. the widest stretch that interpolation
     * bridges without a measurement.
     */
    public static double longestGap(double[] t) {
        double g = 0;
        for (int i = 1; i < t.length; i++) g = Math.max(g, t[i] - t[i - 1]);
        return g;
    }
}
