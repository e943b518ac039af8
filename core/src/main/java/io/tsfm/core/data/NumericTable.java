package io.tsfm.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A delimited text file of numbers read column-wise, with the source line of every row kept so later
 * checks can name it. The one parser every text-based reader uses, so that every malformed cell is
 * reported the same way: file, line, column, and what was found.
 */
public final class NumericTable {
    private final String file;
    private final double[][] columns;
    private final long[] lines;

    private NumericTable(String file, double[][] columns, long[] lines) {
        this.file = file;
        this.columns = columns;
        this.lines = lines;
    }

    /** Parse options: delimiter, comment prefix, expected column count, header lines to skip. */
    public static final class Format {
        private Pattern delimiter = Pattern.compile("[\\s,;]+");
        private String commentPrefix;
        private int expectedColumns = -1;
        private int skipLines;

        public Format delimiter(String regex) { this.delimiter = Pattern.compile(regex); return this; }
        public Format comment(String prefix) { this.commentPrefix = prefix; return this; }
        public Format columns(int n) { this.expectedColumns = n; return this; }
        public Format skip(int lines) { this.skipLines = lines; return this; }
    }

    /**
     * Reads a whole file. Blank lines and comment lines are ignored; NaN/Inf cells are kept as read (the
     * caller decides the policy).
     *
     * @throws DataFormatException at the first malformed row (wrong column count, non-numeric cell)
     */
    public static NumericTable read(InputStream in, String file, Format format) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        int ncol = format.expectedColumns;
        double[][] cols = null;
        long[] lineNos = new long[1024];
        int rows = 0;
        long lineNo = 0;
        String line;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (lineNo <= format.skipLines) continue;
            String t = line.strip();
            if (t.isEmpty() || (format.commentPrefix != null && t.startsWith(format.commentPrefix))) continue;
            String[] cells = format.delimiter.split(t);
            if (ncol < 0) ncol = cells.length;
            if (cells.length != ncol) {
                throw new DataFormatException(file, lineNo, Math.min(cells.length, ncol) + 1,
                        "expected " + ncol + " values, found " + cells.length + " (truncated or malformed row: '"
                                + abbreviate(t) + "')");
            }
            if (cols == null) {
                cols = new double[ncol][1024];
            }
            if (rows == lineNos.length) {
                int cap = rows * 2;
                lineNos = Arrays.copyOf(lineNos, cap);
                for (int c = 0; c < ncol; c++) cols[c] = Arrays.copyOf(cols[c], cap);
            }
            for (int c = 0; c < ncol; c++) {
                cols[c][rows] = parse(cells[c], file, lineNo, c + 1);
            }
            lineNos[rows] = lineNo;
            rows++;
        }
        if (cols == null) {
            cols = new double[Math.max(ncol, 0)][0];
        }
        for (int c = 0; c < cols.length; c++) cols[c] = Arrays.copyOf(cols[c], rows);
        return new NumericTable(file, cols, Arrays.copyOf(lineNos, rows));
    }

    private static double parse(String cell, String file, long line, int col) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, line, col, "not a number: '" + abbreviate(cell) + "'");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    public String file() { return file; }
    public int rows() { return lines.length; }
    public int columns() { return columns.length; }
    /** Column {@code c} (0-based); do not modify. */
    public double[] column(int c) { return columns[c]; }
    /** Source line (1-based) of row {@code r}. */
    public long line(int r) { return lines[r]; }

    /** Rows {@code [from, to)} as a new table. */
    public NumericTable slice(int from, int to) {
        double[][] cs = new double[columns.length][];
        for (int c = 0; c < cs.length; c++) cs[c] = Arrays.copyOfRange(columns[c], from, to);
        return new NumericTable(file, cs, Arrays.copyOfRange(lines, from, to));
    }
}
