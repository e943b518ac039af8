package io.tsfm.datasets.resample;

import java.util.Arrays;

/**
 * Brings timestamped samples onto a regular clock by linear interpolation between the two neighbouring
 * source samples (no filtering, no extrapolation). The one resampler of the data layer: MobiFall (two
 * streams on one common clock), HHAR, RealWorld, MobiAct, VTT-ConIoT, HARTH, OPPORTUNITY and the generic
 * CSV format all use it, so every resampled dataset is resampled the same way and records the same
 * {@link #METHOD}. Stateless and thread-safe.
 *
 * <p>The policies every caller shares:
 * <ul>
 *   <li>a clock over {@code [start, end]} at rate {@code r} has {@code floor((end - start) * r + 1e-4) + 1}
 *       instants: an end short of an instant by less than {@value #END_SLACK} of a period still reaches it,
 *       because source clocks round (HARTH's epoch-second timestamps carry about 2e-7 s);</li>
 *   <li>every instant must lie within the sampled span, up to {@value #SPAN_TOLERANCE} of a period (rounding,
 *       in which case the end value holds); a clock farther out is the caller's error and is refused, never
 *       extrapolated;</li>
 *   <li>an instant that falls on a source sample takes that sample's value exactly, so a NaN neighbour does not
 *       spread to it; between two samples a NaN neighbour gives NaN, left to
 *       {@link io.tsfm.datasets.reading.MissingValues};</li>
 *   <li>timestamps must be strictly increasing.</li>
 * </ul>
 */
public final class LinearResampler {
    /** How the method is named in dataset manifests. */
    public static final String METHOD = "linear interpolation onto a regular grid";
    /** Fraction of a period by which an end may fall short of an instant and still reach it (clock rounding). */
    public static final double END_SLACK = 1e-4;
    /** Fraction of a period by which a clock may leave the sampled span before it is refused (rounding). */
    public static final double SPAN_TOLERANCE = 1e-3;

    private LinearResampler() {}

    /**
     * A regular clock: {@code n} instants {@code start + k * step}.
     *
     * @param start first instant
     * @param step  spacing ({@code 1 / rate})
     * @param n     number of instants (0 when the interval is too short)
     */
    public record Clock(double start, double step, int n) {
        /** The clock of {@code n} instants from {@code start} at {@code rateHz}. */
        public static Clock atRate(double start, double rateHz, int n) {
            if (!(rateHz > 0)) throw new IllegalArgumentException("rate must be positive, got " + rateHz);
            return new Clock(start, 1.0 / rateHz, n);
        }

        /** Instant {@code k}, computed by multiplication so errors do not accumulate. */
        public double time(int k) {
            return start + k * step;
        }
    }

    /**
     * Number of instants {@code t0 + k / rateHz} within {@code [t0, t1]}, the end reached up to
     * {@link #END_SLACK} of a period.
     *
     * @return 0 when {@code t1 < t0} (or either is NaN)
     */
    public static int gridLength(double t0, double t1, double rateHz) {
        if (!(rateHz > 0)) throw new IllegalArgumentException("rate must be positive, got " + rateHz);
        if (!(t1 >= t0)) return 0;
        long n = (long) Math.floor((t1 - t0) * rateHz + END_SLACK) + 1;
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("clock of " + n + " samples is too long");
        return (int) n;
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
            if (t.length == 0) return Clock.atRate(0, rateHz, 0);
            start = Math.max(start, t[0]);
            end = Math.min(end, t[t.length - 1]);
        }
        if (times.length == 0 || end < start) return Clock.atRate(0, rateHz, 0);
        return Clock.atRate(start, rateHz, gridLength(start, end, rateHz));
    }

    /**
     * Values of one channel at every instant of {@code clock}.
     *
     * @param t     source timestamps, strictly increasing
     * @param v     source values, {@code v.length == t.length}
     * @param clock target instants, within {@code [t[0], t[last]]} up to {@link #SPAN_TOLERANCE} of a period
     * @return {@code clock.n()} interpolated values
     * @throws IllegalArgumentException when the clock leaves the sampled span, or the timestamps are not
     *                                  strictly increasing
     */
    public static float[] resample(double[] t, float[] v, Clock clock) {
        if (t.length != v.length) {
            throw new IllegalArgumentException(t.length + " timestamps but " + v.length + " values");
        }
        float[] out = new float[clock.n()];
        if (out.length == 0) return out;
        if (t.length == 0) throw new IllegalArgumentException("no samples to resample");
        double tol = SPAN_TOLERANCE * clock.step();
        double first = clock.time(0);
        double last = clock.time(out.length - 1);
        if (first < t[0] - tol || last > t[t.length - 1] + tol) {
            throw new IllegalArgumentException("grid [" + first + ", " + last + "] s leaves the sampled span ["
                    + t[0] + ", " + t[t.length - 1] + "] s");
        }
        if (t.length == 1) {
            Arrays.fill(out, v[0]);
            return out;
        }
        int j = 0; // t[j] <= x < t[j+1] for the current target x, except at the ends
        int end = t.length - 1;
        for (int k = 0; k < out.length; k++) {
            double x = clock.time(k);
            while (j < end - 1 && t[j + 1] <= x) j++;
            double t0 = t[j];
            double t1 = t[j + 1];
            if (!(t1 > t0)) {
                throw new IllegalArgumentException("timestamps must be strictly increasing: t[" + j + "]=" + t0
                        + ", t[" + (j + 1) + "]=" + t1);
            }
            out[k] = between(t0, v[j], t1, v[j + 1], x);
        }
        return out;
    }

    /**
     * The value at {@code x} on the line through {@code (t0, v0)} and {@code (t1, v1)}, {@code t0 < t1}: exactly
     * {@code v0} at or before {@code t0} and exactly {@code v1} at or after {@code t1} (no extrapolation). The one
     * interpolation step, shared with the incremental resampling of a live CSV stream.
     */
    public static float between(double t0, float v0, double t1, float v1, double x) {
        if (x <= t0) return v0;
        if (x >= t1) return v1;
        double w = (x - t0) / (t1 - t0);
        return (float) (v0 + w * ((double) v1 - v0));
    }

    /** Every channel of one stream ({@code v[channel][i]}) on {@code clock}. */
    public static float[][] resample(double[] t, float[][] v, Clock clock) {
        float[][] out = new float[v.length][];
        for (int c = 0; c < v.length; c++) out[c] = resample(t, v[c], clock);
        return out;
    }

    /**
     * One channel at {@code t0 + k / rateHz}, {@code k = 0 .. n-1}.
     *
     * @see #resample(double[], float[], Clock)
     */
    public static float[] resample(double[] times, float[] values, double t0, double rateHz, int n) {
        return resample(times, values, Clock.atRate(t0, rateHz, n));
    }

    /**
     * Every channel over the whole sampled span, starting at the first timestamp.
     *
     * @param times   strictly increasing sample times in seconds
     * @param samples {@code [channel][i]}
     */
    public static float[][] resample(double[] times, float[][] samples, double rateHz) {
        int n = times.length == 0 ? 0 : gridLength(times[0], times[times.length - 1], rateHz);
        return resample(times, samples, Clock.atRate(times.length == 0 ? 0 : times[0], rateHz, n));
    }

    /**
     * The run as sampled when every timestamp lies within a quarter period of the {@code rateHz} grid started
     * at the first sample (kept bit-exact: the samples are returned, not copied), otherwise the run resampled
     * over its span ({@link #resample(double[], float[][], double)}). For sources that are on their nominal
     * rate except where the clock drifted or skipped.
     */
    public static float[][] regularize(double[] times, float[][] samples, double rateHz) {
        double tolerance = 0.25 / rateHz;
        boolean onGrid = true;
        for (int i = 0; i < times.length && onGrid; i++) {
            onGrid = Math.abs(times[i] - times[0] - i / rateHz) <= tolerance;
        }
        return onGrid ? samples : resample(times, samples, rateHz);
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
