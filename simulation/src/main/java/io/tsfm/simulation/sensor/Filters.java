package io.tsfm.simulation.sensor;

/** Zero-phase low-pass filtering of sampled signals. */
public final class Filters {
    private Filters() {}

    /**
     * Second-order Butterworth low-pass run forward and backward (zero phase, fourth-order magnitude response,
     * −6 dB at {@code cutoffHz}). The ends are padded by odd reflection so the filter starts in steady state
     * rather than ringing from zero. Returns a new array; a cut-off at or above Nyquist returns a copy.
     */
    public static double[] lowPass(double[] x, double rateHz, double cutoffHz) {
        int n = x.length;
        if (n < 3 || cutoffHz >= rateHz / 2) return x.clone();
        double k = Math.tan(Math.PI * cutoffHz / rateHz);
        double norm = 1 / (1 + Math.sqrt(2) * k + k * k);
        double b0 = k * k * norm, b1 = 2 * b0, b2 = b0;
        double a1 = 2 * (k * k - 1) * norm, a2 = (1 - Math.sqrt(2) * k + k * k) * norm;
        int pad = Math.min(n - 1, (int) Math.ceil(3 * rateHz / cutoffHz));
        double[] y = new double[n + 2 * pad];
        for (int i = 0; i < pad; i++) {
            y[pad - 1 - i] = 2 * x[0] - x[i + 1];
            y[pad + n + i] = 2 * x[n - 1] - x[n - 2 - i];
        }
        System.arraycopy(x, 0, y, pad, n);
        biquad(y, b0, b1, b2, a1, a2);
        reverse(y);
        biquad(y, b0, b1, b2, a1, a2);
        reverse(y);
        double[] out = new double[n];
        System.arraycopy(y, pad, out, 0, n);
        return out;
    }

    /** In place; the state starts as if the first sample had always been there (unit DC gain). */
    private static void biquad(double[] y, double b0, double b1, double b2, double a1, double a2) {
        double x1 = y[0], x2 = y[0], y1 = y[0], y2 = y[0];
        for (int i = 0; i < y.length; i++) {
            double x0 = y[i];
            double out = b0 * x0 + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1; x1 = x0; y2 = y1; y1 = out;
            y[i] = out;
        }
    }

    private static void reverse(double[] y) {
        for (int i = 0, j = y.length - 1; i < j; i++, j--) {
            double t = y[i]; y[i] = y[j]; y[j] = t;
        }
    }
}
