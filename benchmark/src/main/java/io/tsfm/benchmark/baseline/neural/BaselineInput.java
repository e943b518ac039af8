package io.tsfm.benchmark.baseline.neural;

import io.tsfm.benchmark.protocol.BenchmarkWindow;
import io.tsfm.core.data.Channel;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Units;
import java.util.List;
import java.util.Locale;

/**
 * The input every neural baseline reads (spec §1.5 step 3, §6.6): a 6 s window as 120 samples at 20 Hz of six
 * channels, {@code [t][c]} with c = acc x, y, z in m/s², gyro x, y, z in rad/s (zeros when the window has no
 * gyroscope). Each baseline applies its own normalisation on top (LiMU-BERT divides acc by 9.8, CrossHAR
 * normalises each sample's channels).
 *
 * <p>Rate conversion: at 20 Hz or more, the reference's bin-and-mean: output sample k is the mean of the native
 * samples {@code [floor(k·r), floor((k+1)·r))}, {@code r = rate / 20}, which is the reference's "bins of floor(r)
 * samples, occasionally one more, tracking the fractional remainder" (integer r: plain non-overlapping means).
 * Below 20 Hz (the 10 Hz UEA sets, which the reference has no counterpart of) bin-and-mean cannot upsample: linear
 * interpolation at {@code t = k / 20} s, the last native value held past the last sample. Channels are picked by
 * kind and axis (the first accelerometer x, y, z and gyroscope x, y, z), converted to canonical units when a
 * channel is stored in other ones. Stateless and thread-safe.
 */
public final class BaselineInput {
    /** Output rate. */
    public static final double RATE_HZ = 20.0;
    /** Output samples per window (6 s). */
    public static final int LENGTH = 120;
    /** Output channels. */
    public static final int CHANNELS = 6;
    /** The output layout, recorded in checkpoints so a change of it makes them stale. */
    public static final List<String> LAYOUT = List.of("acc_x m/s^2", "acc_y m/s^2", "acc_z m/s^2", "gyro_x rad/s",
            "gyro_y rad/s", "gyro_z rad/s", "20 Hz", "120 samples", "bin-and-mean down, linear up");
    private static final String[] AXES = {"x", "y", "z"};

    private BaselineInput() {}

    /** A benchmark window as baseline input. */
    public static float[][] of(BenchmarkWindow w) {
        return of(w.samples(), w.rateHz(), w.channels(), w.key().toString());
    }

    /**
     * A 6 s window as baseline input.
     *
     * @param samples  {@code [channel][t]} at {@code rateHz}, at least 6 s
     * @param channels the channels of the rows
     * @param where    names the window in error messages
     * @throws IllegalArgumentException if the window lacks an accelerometer axis, has only some gyroscope axes, or
     *                                  is shorter than 6 s
     */
    public static float[][] of(float[][] samples, double rateHz, List<Channel> channels, String where) {
        if (samples.length != channels.size()) {
            throw new IllegalArgumentException(where + ": " + samples.length + " sample rows but " + channels.size()
                    + " channels");
        }
        int[] acc = rows(channels, SensorKind.ACCELEROMETER, where, true);
        int[] gyro = rows(channels, SensorKind.GYROSCOPE, where, false);
        float[][] out = new float[LENGTH][CHANNELS];
        for (int a = 0; a < 3; a++) {
            fill(out, a, samples[acc[a]], rateHz, factor(channels.get(acc[a])), where);
            if (gyro != null) fill(out, 3 + a, samples[gyro[a]], rateHz, factor(channels.get(gyro[a])), where);
        }
        return out;
    }

    /**
     * One channel at 20 Hz: {@link #LENGTH} samples (see the class comment for the method).
     *
     * @throws IllegalArgumentException if {@code x} holds less than 6 s
     */
    public static float[] toRate(float[] x, double rateHz, String where) {
        if (!(rateHz > 0) || Double.isInfinite(rateHz)) {
            throw new IllegalArgumentException(where + ": sampling rate must be positive, got " + rateHz);
        }
        float[] out = new float[LENGTH];
        double ratio = rateHz / RATE_HZ;
        if (ratio >= 1) {
            int end = bin(LENGTH, ratio);
            if (end > x.length) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %d samples at %.3f Hz are "
                        + "shorter than the %d a 6 s window needs", where, x.length, rateHz, end));
            }
            for (int k = 0; k < LENGTH; k++) {
                int from = bin(k, ratio);
                int to = bin(k + 1, ratio);
                double s = 0;
                for (int i = from; i < to; i++) s += x[i];
                out[k] = (float) (s / (to - from));
            }
        } else {
            int need = (int) Math.floor((LENGTH - 1) * ratio + 1e-9) + 1;
            if (x.length < need) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %d samples at %.3f Hz are "
                        + "shorter than the %d a 6 s window needs", where, x.length, rateHz, need));
            }
            for (int k = 0; k < LENGTH; k++) {
                double pos = k * ratio;
                int i = (int) Math.floor(pos + 1e-9);
                if (i >= x.length - 1) {
                    out[k] = x[x.length - 1];
                } else {
                    double w = pos - i;
                    out[k] = (float) (x[i] + w * ((double) x[i + 1] - x[i]));
                }
            }
        }
        return out;
    }

    /** The 20 Hz output samples covering native samples {@code [from, to)} lie in {@code [from/r, to/r)}. */
    static int bin(int k, double ratio) {
        // the 1e-9 keeps k·r on an integer when floating point lands just below it (k·2.5 is exact, k·1.6 is not)
        return (int) Math.floor(k * ratio + 1e-9);
    }

    private static void fill(float[][] out, int column, float[] x, double rateHz, double factor, String where) {
        float[] r = toRate(x, rateHz, where);
        for (int t = 0; t < LENGTH; t++) out[t][column] = (float) (r[t] * factor);
    }

    private static double factor(Channel c) {
        return Units.toCanonical(c.kind(), c.unit());
    }

    private static int[] rows(List<Channel> channels, SensorKind kind, String where, boolean required) {
        int[] out = new int[3];
        int found = 0;
        for (int a = 0; a < 3; a++) {
            out[a] = -1;
            for (int c = 0; c < channels.size(); c++) {
                Channel ch = channels.get(c);
                if (ch.kind() == kind && ch.axis().equalsIgnoreCase(AXES[a])) {
                    out[a] = c;
                    found++;
                    break;
                }
            }
        }
        if (found == 3) return out;
        if (found == 0 && !required) return null;
        throw new IllegalArgumentException(where + ": the baselines need the x, y and z axes of the "
                + kind.name().toLowerCase(Locale.ROOT) + (required ? "" : " (or none of them)") + ", the window has "
                + channels.stream().map(Channel::name).toList());
    }
}
