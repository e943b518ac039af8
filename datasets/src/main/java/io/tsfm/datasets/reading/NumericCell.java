package io.tsfm.datasets.reading;

import java.util.Locale;

/**
 * How a numeric text cell is read: the one number policy of the text parsers ({@link NumericTable},
 * {@link io.tsfm.datasets.reading.DelimitedText}). A cell is what {@link Double#parseDouble} accepts, or one
 * of the words other tools write for non-finite values, in any case: {@code nan}, {@code +nan}, {@code -nan},
 * {@code inf}, {@code +inf}, {@code infinity}, {@code +infinity}, {@code -inf}, {@code -infinity}. Non-finite
 * values are returned as the values they are; {@link MissingValues} decides what becomes of them. Stateless.
 */
public final class NumericCell {
    /** Exactly representable powers of ten: a short decimal times or over one of them is correctly rounded. */
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
            1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    /** Significands below this are exact in a double (2^53). */
    private static final long MAX_EXACT = 1L << 53;

    private NumericCell() {}

    /**
     * The value of a whole cell.
     *
     * @throws NumberFormatException when the cell is not a number
     */
    public static double parse(String cell) {
        return parse(cell, 0, cell.length());
    }

    /**
     * The value of the cell {@code s[from, to)}, read without copying it when it is a plain decimal.
     *
     * @throws NumberFormatException when the cell is not a number
     */
    public static double parse(CharSequence s, int from, int to) {
        double v = plainDecimal(s, from, to);
        if (!Double.isNaN(v)) return v;
        String cell = s.subSequence(from, to).toString();
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            switch (cell.toLowerCase(Locale.ROOT)) {
                case "nan": case "+nan": case "-nan": return Double.NaN;
                case "inf": case "+inf": case "infinity": case "+infinity": return Double.POSITIVE_INFINITY;
                case "-inf": case "-infinity": return Double.NEGATIVE_INFINITY;
                default: throw e;
            }
        }
    }

    /**
     * {@code [+-]digits[.digits][(e|E)[+-]digits]} with at most 2^53 as significand and a net power of ten
     * within ±22, computed exactly as {@link Double#parseDouble} would (one correctly rounded operation on two
     * exact doubles, Clinger's fast path); NaN for anything else, which the caller then parses in full.
     */
    private static double plainDecimal(CharSequence s, int from, int to) {
        int i = from;
        if (i >= to) return Double.NaN;
        boolean negative = false;
        char c = s.charAt(i);
        if (c == '-' || c == '+') {
            negative = c == '-';
            i++;
        }
        long m = 0;
        int digits = 0;
        int scale = 0; // digits after the point
        boolean point = false;
        for (; i < to; i++) {
            c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                m = m * 10 + (c - '0');
                if (m >= MAX_EXACT) return Double.NaN;
                digits++;
                if (point) scale++;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0) return Double.NaN;
        int exp = 0;
        if (i < to) {
            c = s.charAt(i);
            if (c != 'e' && c != 'E') return Double.NaN;
            i++;
            boolean expNegative = false;
            if (i < to && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                expNegative = s.charAt(i) == '-';
                i++;
            }
            int expDigits = 0;
            for (; i < to; i++) {
                c = s.charAt(i);
                if (c < '0' || c > '9' || exp > 1000) return Double.NaN;
                exp = exp * 10 + (c - '0');
                expDigits++;
            }
            if (expDigits == 0) return Double.NaN;
            if (expNegative) exp = -exp;
        }
        int p = exp - scale;
        if (p < -22 || p > 22) return Double.NaN;
        double v = p < 0 ? m / POW10[-p] : m * POW10[p];
        return negative ? -v : v;
    }
}
