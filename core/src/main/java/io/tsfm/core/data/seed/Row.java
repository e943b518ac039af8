package io.tsfm.core.data.seed;

import io.tsfm.core.data.DataFormatException;

/**
 * One line of a delimited text file, split into trimmed cells, with where it came from so that every
 * cell error names file, line and (1-based) column.
 */
record Row(String file, long line, String[] cells) {

    int size() {
        return cells.length;
    }

    /** The cell at 0-based {@code col}, or an error naming the missing column. */
    String text(int col) {
        if (col >= cells.length) {
            throw new DataFormatException(file, line, col + 1,
                    "row has " + cells.length + " values, expected at least " + (col + 1) + " (truncated row)");
        }
        return cells[col];
    }

    /** The cell at 0-based {@code col} as a number; "NaN" and "Infinity" are numbers (the caller's policy). */
    double number(int col) {
        String s = text(col);
        if (s.isEmpty()) {
            throw new DataFormatException(file, line, col + 1, "empty value");
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, line, col + 1, "not a number: '" + abbreviate(s) + "'");
        }
    }

    /** The cell at 0-based {@code col} as an integer (a whole number written with or without ".0"). */
    long integer(int col) {
        double v = number(col);
        if (!Double.isFinite(v) || v != Math.rint(v)) {
            throw new DataFormatException(file, line, col + 1, "not an integer: '" + abbreviate(text(col)) + "'");
        }
        return (long) v;
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
