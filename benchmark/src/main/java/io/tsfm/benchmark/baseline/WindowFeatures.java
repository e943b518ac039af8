package io.tsfm.benchmark.baseline;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.SensorKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The classical per-window feature vector of activity recognition: for every channel, and for the magnitude of each
 * multi-axis sensor, 14 statistics (mean, std, min, max, 10/25/50/75/90th percentiles, RMS, skewness, excess
 * kurtosis, mean absolute first difference, mean-crossing rate) and 12 spectral features of the mean-removed signal
 * (dominant frequency in Hz, its share of the power, spectral centroid in Hz, normalised spectral entropy, and the
 * power share of 8 bands: 0-0.5, 0.5-1, 1-2, 2-3, 3-5, 5-8, 8-12, 12+ Hz); plus the correlation of each pair of
 * axes of a sensor. Frequencies are in Hz, so windows of one dataset (one rate) are comparable. Every value is
 * finite (a constant channel gives zeros). Stateless and thread-safe.
 */
public final class WindowFeatures {
    /** Band edges in Hz of the band-power features (the last band is open). */
    static final double[] BAND_EDGES = {0, 0.5, 1, 2, 3, 5, 8, 12};
    private static final String[] STATS = {"mean", "std", "min", "max", "p10", "p25", "p50", "p75", "p90", "rms",
            "skew", "kurtosis", "mean_abs_diff", "mean_crossing_rate"};
    private static final String[] SPECTRAL = {"dominant_hz", "dominant_share", "centroid_hz", "spectral_entropy",
            "band_0_0.5", "band_0.5_1", "band_1_2", "band_2_3", "band_3_5", "band_5_8", "band_8_12", "band_12_up"};
    private static final Map<Integer, double[][]> TWIDDLES = new ConcurrentHashMap<>();

    private WindowFeatures() {}

    /** Feature names for windows with these channels, in {@link #compute} order. */
    public static List<String> names(List<Channel> channels) {
        List<String> out = new ArrayList<>();
        for (String series : seriesNames(channels)) {
            for (String s : STATS) out.add(series + "." + s);
            for (String s : SPECTRAL) out.add(series + "." + s);
        }
        for (int[] pair : axisPairs(channels)) {
            out.add("corr." + channels.get(pair[0]).name() + "." + channels.get(pair[1]).name());
        }
        return out;
    }

    /**
     * The features of one window.
     *
     * @param samples  {@code [channel][t]}, at least 2 samples
     * @param rateHz   sampling rate
     * @param channels the channels of the rows
     */
    public static double[] compute(float[][] samples, double rateHz, List<Channel> channels) {
        if (samples.length != channels.size()) {
            throw new IllegalArgumentException(samples.length + " sample rows but " + channels.size() + " channels");
        }
        if (samples.length == 0 || samples[0].length < 2) {
            throw new IllegalArgumentException("a window needs at least one channel of 2 samples");
        }
        List<double[]> series = new ArrayList<>();
        for (float[] row : samples) series.add(toDouble(row));
        for (List<Integer> axes : sensorAxes(channels).values()) {
            if (axes.size() < 2) continue;
            int n = samples[0].length;
            double[] mag = new double[n];
            for (int t = 0; t < n; t++) {
                double s = 0;
                for (int c : axes) s += (double) samples[c][t] * samples[c][t];
                mag[t] = Math.sqrt(s);
            }
            series.add(mag);
        }
        double[] out = new double[series.size() * (STATS.length + SPECTRAL.length) + axisPairs(channels).size()];
        int k = 0;
        for (double[] x : series) {
            k = stats(x, out, k);
            k = spectral(x, rateHz, out, k);
        }
        for (int[] pair : axisPairs(channels)) out[k++] = correlation(series.get(pair[0]), series.get(pair[1]));
        for (int i = 0; i < out.length; i++) if (!Double.isFinite(out[i])) out[i] = 0;
        return out;
    }

    private static int stats(double[] x, double[] out, int k) {
        int n = x.length;
        double mean = 0;
        for (double v : x) mean += v;
        mean /= n;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        double sq = 0;
        double absDiff = 0;
        int crossings = 0;
        for (int t = 0; t < n; t++) {
            double d = x[t] - mean;
            m2 += d * d;
            m3 += d * d * d;
            m4 += d * d * d * d;
            sq += x[t] * x[t];
            if (t > 0) {
                absDiff += Math.abs(x[t] - x[t - 1]);
                if ((x[t] - mean) * (x[t - 1] - mean) < 0) crossings++;
            }
        }
        m2 /= n;
        m3 /= n;
        m4 /= n;
        double std = Math.sqrt(m2);
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        out[k++] = mean;
        out[k++] = std;
        out[k++] = sorted[0];
        out[k++] = sorted[n - 1];
        for (double q : new double[] {0.1, 0.25, 0.5, 0.75, 0.9}) out[k++] = percentile(sorted, q);
        out[k++] = Math.sqrt(sq / n);
        out[k++] = m2 > 1e-12 ? m3 / Math.pow(m2, 1.5) : 0;
        out[k++] = m2 > 1e-12 ? m4 / (m2 * m2) - 3 : 0;
        out[k++] = absDiff / (n - 1);
        out[k++] = crossings / (double) (n - 1);
        return k;
    }

    private static int spectral(double[] x, double rateHz, double[] out, int k) {
        int n = x.length;
        double mean = 0;
        for (double v : x) mean += v;
        mean /= n;
        double[][] tw = TWIDDLES.computeIfAbsent(n, WindowFeatures::twiddles);
        int bins = n / 2;
        double[] power = new double[bins + 1];
        double total = 0;
        for (int f = 1; f <= bins; f++) {
            double re = 0;
            double im = 0;
            for (int t = 0; t < n; t++) {
                int idx = (int) ((long) f * t % n);
                double v = x[t] - mean;
                re += v * tw[0][idx];
                im -= v * tw[1][idx];
            }
            power[f] = re * re + im * im;
            total += power[f];
        }
        double[] bands = new double[BAND_EDGES.length];
        if (total <= 1e-12) {
            // a constant window: no spectrum
            Arrays.fill(out, k, k + SPECTRAL.length, 0);
            return k + SPECTRAL.length;
        }
        int dominant = 1;
        double centroid = 0;
        double entropy = 0;
        for (int f = 1; f <= bins; f++) {
            double hz = f * rateHz / n;
            double p = power[f] / total;
            if (power[f] > power[dominant]) dominant = f;
            centroid += hz * p;
            if (p > 0) entropy -= p * Math.log(p);
            int b = BAND_EDGES.length - 1;
            while (b > 0 && hz < BAND_EDGES[b]) b--;
            bands[b] += p;
        }
        out[k++] = dominant * rateHz / n;
        out[k++] = power[dominant] / total;
        out[k++] = centroid;
        out[k++] = bins > 1 ? entropy / Math.log(bins) : 0;
        for (double b : bands) out[k++] = b;
        return k;
    }

    private static double[][] twiddles(int n) {
        double[][] tw = new double[2][n];
        for (int i = 0; i < n; i++) {
            tw[0][i] = Math.cos(2 * Math.PI * i / n);
            tw[1][i] = Math.sin(2 * Math.PI * i / n);
        }
        return tw;
    }

    private static double percentile(double[] sorted, double q) {
        // numpy's default (linear interpolation between closest ranks)
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double correlation(double[] a, double[] b) {
        int n = a.length;
        double ma = 0;
        double mb = 0;
        for (int t = 0; t < n; t++) {
            ma += a[t];
            mb += b[t];
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int t = 0; t < n; t++) {
            sab += (a[t] - ma) * (b[t] - mb);
            saa += (a[t] - ma) * (a[t] - ma);
            sbb += (b[t] - mb) * (b[t] - mb);
        }
        return saa > 1e-12 && sbb > 1e-12 ? sab / Math.sqrt(saa * sbb) : 0;
    }

    private static double[] toDouble(float[] row) {
        double[] d = new double[row.length];
        for (int i = 0; i < row.length; i++) d[i] = row[i];
        return d;
    }

    private static List<String> seriesNames(List<Channel> channels) {
        List<String> out = new ArrayList<>();
        for (Channel c : channels) out.add(c.name());
        for (Map.Entry<SensorKind, List<Integer>> e : sensorAxes(channels).entrySet()) {
            if (e.getValue().size() >= 2) out.add(e.getKey().name().toLowerCase(java.util.Locale.ROOT) + "_magnitude");
        }
        return out;
    }

    private static Map<SensorKind, List<Integer>> sensorAxes(List<Channel> channels) {
        Map<SensorKind, List<Integer>> out = new EnumMap<>(SensorKind.class);
        for (int i = 0; i < channels.size(); i++) {
            out.computeIfAbsent(channels.get(i).kind(), k -> new ArrayList<>()).add(i);
        }
        return out;
    }

    private static List<int[]> axisPairs(List<Channel> channels) {
        List<int[]> out = new ArrayList<>();
        for (List<Integer> axes : sensorAxes(channels).values()) {
            for (int i = 0; i < axes.size(); i++) {
                for (int j = i + 1; j < axes.size(); j++) out.add(new int[] {axes.get(i), axes.get(j)});
            }
        }
        return out;
    }
}
