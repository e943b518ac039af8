package io.tsfm.datasets.reading;

import io.tsfm.core.data.DataFormatException;
import io.tsfm.core.data.ReadProblem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A delimited text file of numbers read column-wise, with the source line of every row kept so later
 * checks can name it. The parser of the all-numeric text formats, so that every malformed cell is reported
 * the same way: file, line, column, and what was found. Cells are read by {@link NumericCell} (so
 * {@code NaN}, {@code nan}, {@code Inf}, {@code -inf}, ... are values). For text with labels, headers or
 * quoted cells, read row by row, see {@link io.tsfm.datasets.reading.DelimitedText}.
 *
 * <p>Two policies for a malformed row (wrong number of values, a cell that is not a number):
 * {@link #read} stops at the first one (for files whose rows are an unbroken stream, where a dropped row would
 * shift time); {@link #readSkippingBadRows} reports it and keeps the rows before and after it with their own
 * line numbers (for files whose rows carry timestamps or are addressed by line number), giving up on a file
 * after {@value #MAX_BAD_ROWS} malformed rows. Immutable once read.
 */
public final class NumericTable {
    /** Beyond this many malformed rows {@link #readSkippingBadRows} treats a file as garbage and skips its rest. */
    public static final int MAX_BAD_ROWS = 20;

    private final String file;
    private final double[][] columns;
    private final long[] lines;

    private NumericTable(String file, double[][] columns, long[] lines) {
        this.file = file;
        this.columns = columns;
        this.lines = lines;
    }

    /**
     * Parse options: delimiter, comment prefix, expected column count, header lines to skip. The default
     * delimiter is any run of blanks, commas and semicolons.
     */
    public static final class Format {
        /** Null for the default delimiter, which is split by hand (no regex per line). */
        private Pattern delimiter;
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
        return read(in, file, format, null);
    }

    /**
     * Reads a whole file, skipping malformed rows: each is added to {@code problems} (file, line, column, what
     * was found, "; row skipped") and the rows around it are kept. At the {@value #MAX_BAD_ROWS}th malformed
     * row the rest of the file is skipped, with one more problem saying so.
     *
     * @param format must give the column count ({@link Format#columns}), since a bad first row cannot
     */
    public static NumericTable readSkippingBadRows(InputStream in, String file, Format format,
                                                   List<ReadProblem> problems) throws IOException {
        if (format.expectedColumns < 0) {
            throw new IllegalArgumentException("skipping bad rows needs the column count (Format.columns)");
        }
        return read(in, file, format, problems);
    }

    /** {@code problems == null}: stop at the first malformed row; else skip and report malformed rows. */
    private static NumericTable read(InputStream in, String file, Format format, List<ReadProblem> problems)
            throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        int ncol = format.expectedColumns;
        double[][] cols = null;
        long[] lineNos = new long[1024];
        Cells cells = new Cells();
        int rows = 0;
        int bad = 0;
        long lineNo = 0;
        String line;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (lineNo <= format.skipLines) continue;
            String t = line.strip();
            if (t.isEmpty() || (format.commentPrefix != null && t.startsWith(format.commentPrefix))) continue;
            String[] split = null;
            int n;
            if (format.delimiter == null) {
                cells.split(t);
                n = cells.n;
            } else {
                split = format.delimiter.split(t);
                n = split.length;
            }
            if (ncol < 0) ncol = n;
            try {
                if (n != ncol) {
                    throw new DataFormatException(file, lineNo, Math.min(n, ncol) + 1,
                            "expected " + ncol + " values, found " + n + " (truncated or malformed row: '"
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
                    cols[c][rows] = split == null ? parse(t, cells.start[c], cells.end[c], file, lineNo, c + 1)
                            : parse(split[c], 0, split[c].length(), file, lineNo, c + 1);
                }
            } catch (DataFormatException e) {
                if (problems == null) throw e;
                problems.add(new ReadProblem(e.file(), e.line(), e.column(), e.reason() + "; row skipped", 1, true));
                if (++bad >= MAX_BAD_ROWS) {
                    problems.add(new ReadProblem(file, e.line() + 1, 0, "more than " + MAX_BAD_ROWS
                            + " malformed rows: the rest of the file is skipped", 1, true));
                    break;
                }
                continue;
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

    /**
     * The cells of one line at runs of the default delimiters, found as {@code "[\\s,;]+"} with
     * {@link Pattern#split} finds them (a leading delimiter gives a leading empty cell, trailing ones give none)
     * but without a regex or a string per cell. Reused line after line; not thread-safe.
     */
    private static final class Cells {
        int[] start = new int[16];
        int[] end = new int[16];
        int n;

        /** Splits {@code t}, stripped and not empty. */
        void split(String t) {
            n = 0;
            int len = t.length();
            int i = 0;
            if (isDelimiter(t.charAt(0))) {
                add(0, 0);
                while (i < len && isDelimiter(t.charAt(i))) i++;
            }
            while (i < len) {
                int from = i;
                while (i < len && !isDelimiter(t.charAt(i))) i++;
                add(from, i);
                while (i < len && isDelimiter(t.charAt(i))) i++;
            }
            if (n == 1 && start[0] == end[0]) n = 0; // only delimiters: Pattern.split leaves no cell
        }

        private void add(int from, int to) {
            if (n == start.length) {
                start = Arrays.copyOf(start, 2 * n);
                end = Arrays.copyOf(end, 2 * n);
            }
            start[n] = from;
            end[n] = to;
            n++;
        }
    }

    /** The characters of {@code [\s,;]}: Java's {@code \s} is {@code [ \t\n\x0B\f\r]}. */
    private static boolean isDelimiter(char c) {
        return c == ' ' || c == ',' || c == '\t' || c == ';' || c == '\r' || c == '\n' || c == '\u000B' || c == '\f';
    }

    private static double parse(String s, int from, int to, String file, long line, int col) {
        try {
            return NumericCell.parse(s, from, to);
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, line, col, "not a number: '" + abbreviate(s.substring(from, to)) + "'");
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
