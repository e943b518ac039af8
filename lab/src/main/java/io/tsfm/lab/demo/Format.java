package io.tsfm.lab.demo;

import java.util.Locale;

/** Number formats shared by the views and the summary. Stateless. */
final class Format {
    private Format() {
    }

    /** Microseconds as seconds with two decimals, or "-" when unknown (negative or NaN). */
    static String seconds(double micros) {
        return Double.isNaN(micros) || micros < 0 ? "-" : String.format(Locale.ROOT, "%.2f s", micros / 1e6);
    }

    /** Microseconds as milliseconds, or "-" when unknown. */
    static String millis(double micros) {
        return Double.isNaN(micros) || micros < 0 ? "-" : String.format(Locale.ROOT, "%.1f ms", micros / 1e3);
    }

    /** A fraction with three decimals, or "-" when NaN. */
    static String fraction(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.3f", x);
    }

    /** A rate with one decimal, or "-" when NaN. */
    static String rate(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.1f", x);
    }

    /** Whole seconds as m:ss. */
    static String clock(double seconds) {
        long s = (long) Math.floor(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** {@code text} cut to {@code width} characters (an ellipsis marks the cut). */
    static String fit(String text, int width) {
        if (text == null) return "?";
        return text.length() <= width ? text : text.substring(0, width - 1) + "~";
    }

    /** Accuracy as "0.612 (30/49)", or "- (no scored window yet)". */
    static String accuracy(long right, long scored) {
        return scored == 0 ? "- (no scored window yet)"
                : String.format(Locale.ROOT, "%.3f (%d/%d)", (double) right / scored, right, scored);
    }
}
