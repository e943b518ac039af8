package io.tsfm.datasets.reading;

import io.tsfm.core.data.DataFormatException;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A delimited text file read row by row, as text cells, tolerant of bad lines: every cell error names file,
 * line and column, and the caller decides what a bad row costs. The row-wise counterpart of
 * {@link io.tsfm.datasets.reading.NumericTable} (all-numeric tables read column-wise), for files that mix text and
 * numbers: labels, headers, quoted cells, timestamps.
 *
 * <p>Two policies for a row whose width is wrong, chosen by the {@link Format}:
 * <ul>
 *   <li>fixed width (the default): the column count is the header's when there is one, else the configured
 *       count, else the first data row's; a row with another number of cells is recorded in a
 *       {@link ProblemLog} (as truncated or over-long) and skipped, and the next row says so
 *       ({@link Row#skippedBefore});</li>
 *   <li>{@linkplain Format#ragged() ragged}: every row is returned as it is and the reader checks the cells it
 *       uses ({@link Row#text} names a missing cell as a truncated row), for files whose rows differ in width
 *       by design or whose header rows are read as rows.</li>
 * </ul>
 * A cell that is not a number throws a {@link DataFormatException} naming file, line and column, which the
 * caller records to skip just that row. Blank lines and comment lines are ignored, a byte-order mark is
 * dropped. Numbers are read by {@link NumericCell}. Not thread-safe; the {@link Row}s returned are immutable.
 */
public final class DelimitedText implements Closeable {

    /** How lines are split. Defaults: comma-delimited, fixed width, no header, no comments, no quoting. */
    public static final class Format {
        private char delimiter = ',';
        private boolean whitespace;
        private boolean header;
        private boolean quotes;
        private boolean ragged;
        private String comment;
        private String lineSuffix;
        private int columns = -1;

        /** Comma-separated values with a header line and double-quoted fields. */
        public static Format csvWithHeader() {
            return csv().header(true);
        }

        /** Comma-separated values with double-quoted fields, no header line. */
        public static Format csv() {
            return new Format().delimiter(',').quotes(true);
        }

        /** Cells separated by runs of spaces and tabs (leading and trailing blanks ignored). */
        public static Format whitespace() {
            Format f = new Format();
            f.whitespace = true;
            return f;
        }

        /** Cells separated by one character. */
        public static Format delimited(char delimiter) {
            return new Format().delimiter(delimiter);
        }

        public Format delimiter(char c) { this.delimiter = c; this.whitespace = false; return this; }
        public Format header(boolean h) { this.header = h; return this; }
        /**
         * Whether a cell starting with {@code "} is quoted: it runs to the closing quote (delimiters inside are
         * text, {@code ""} is a quote) and what follows up to the delimiter is dropped.
         */
        public Format quotes(boolean q) { this.quotes = q; return this; }
        public Format comment(String prefix) { this.comment = prefix; return this; }
        /** A terminator every line may end with (WISDM ends lines with ';'); stripped before splitting. */
        public Format lineSuffix(String suffix) { this.lineSuffix = suffix; return this; }
        public Format columns(int n) { this.columns = n; return this; }
        /** Rows of any width are returned; the caller checks the cells it reads. */
        public Format ragged() { this.ragged = true; return this; }
    }

    /** A cell of digits with several dots ({@code 1.025.390.625}) or a comma between digits ({@code 0,98}). */
    private static final java.util.regex.Pattern LOCALE_MANGLED =
            java.util.regex.Pattern.compile("[-+]?\\d+(\\.\\d+){2,}|[-+]?[\\d.]*\\d,\\d[\\d.,]*");

    /** One data line split into trimmed cells, with where it came from. Immutable. */
    public static final class Row {
        private final String file;
        private final long line;
        private final String[] cells;
        private final int skippedBefore;

        private Row(String file, long line, String[] cells, int skippedBefore) {
            this.file = file;
            this.line = line;
            this.cells = cells;
            this.skippedBefore = skippedBefore;
        }

        public String file() { return file; }
        /** 1-based line number in the file. */
        public long line() { return line; }
        public int size() { return cells.length; }
        /** Malformed lines skipped (and logged) since the previous row returned: the data is not contiguous. */
        public int skippedBefore() { return skippedBefore; }

        /** Cell {@code i} (0-based), trimmed; an error naming the missing column when the row is shorter. */
        public String text(int i) {
            if (i >= cells.length) {
                throw new DataFormatException(file, line, i + 1,
                        "row has " + cells.length + " values, expected at least " + (i + 1) + " (truncated row)");
            }
            return cells[i];
        }

        /** The cells, in order. */
        public List<String> cells() {
            return List.of(cells);
        }

        /** Cell {@code i} as a number ({@link NumericCell}: NaN and infinities are numbers, in any case). */
        public double number(int i) {
            String s = text(i);
            if (s.isEmpty()) throw error(i, "empty cell where a number was expected");
            try {
                return NumericCell.parse(s);
            } catch (NumberFormatException e) {
                throw error(i, "not a number: '" + abbreviate(s) + "'" + localeHint(s));
            }
        }

        /** Why a cell that is digits and separators failed: a spreadsheet's locale rewrote the number. */
        private static String localeHint(String s) {
            if (LOCALE_MANGLED.matcher(s).matches()) {
                return " (digits with several '.' or a ',' inside: a number written with a locale's thousands"
                        + " separators or decimal comma; write it with '.' as the decimal point and no grouping)";
            }
            return "";
        }

        /** Like {@link #number} but an empty cell reads as NaN (a missing value, as pandas writes it). */
        public double numberOrNaN(int i) {
            return text(i).isEmpty() ? Double.NaN : number(i);
        }

        /** Cell {@code i} as a whole number written in digits (for timestamps in ns, which a double cannot hold). */
        public long integer(int i) {
            String s = text(i);
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw error(i, "not a whole number: '" + abbreviate(s) + "'");
            }
        }

        /** Cell {@code i} as a number without a fraction, however written ({@code 4}, {@code 4.0}): codes, labels. */
        public long wholeNumber(int i) {
            double v = number(i);
            if (!Double.isFinite(v) || v != Math.rint(v)) {
                throw error(i, "not an integer: '" + abbreviate(text(i)) + "'");
            }
            return (long) v;
        }

        /** Cells {@code columns[c]} as numbers, narrowed to floats, into {@code into[c]}; the first bad cell throws. */
        public void floats(int[] columns, float[] into) {
            for (int c = 0; c < columns.length; c++) into[c] = (float) number(columns[c]);
        }

        /** An error naming this row's file, line and 1-based column {@code i + 1}. */
        public DataFormatException error(int i, String reason) {
            return new DataFormatException(file, line, i + 1, reason);
        }
    }

    private final BufferedReader reader;
    private final String file;
    private final Format format;
    private final Cells cells = new Cells();
    private List<String> header;
    private long headerLine;
    private int columns;
    private long lineNo;
    private long lastContentLine;

    private DelimitedText(InputStream in, String file, Format format) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        this.file = file;
        this.format = format;
        this.columns = format.columns;
    }

    /**
     * Opens a file; with a header format the header line is read now.
     *
     * @throws DataFormatException when a header is expected and the file has none
     */
    public static DelimitedText open(InputStream in, String file, Format format) throws IOException {
        DelimitedText t = new DelimitedText(in, file, format);
        if (format.header) {
            if (!t.readLine()) {
                throw new DataFormatException(file, 0, 0, "empty file: expected a header line");
            }
            t.header = List.of(t.cells.toArray());
            t.headerLine = t.lineNo;
            t.columns = t.header.size();
        }
        return t;
    }

    /** Column names from the header line, or null without a header. */
    public List<String> header() {
        return header;
    }

    /** 1-based line of the header, or 0 without one. */
    public long headerLine() {
        return headerLine;
    }

    /** 1-based line of the last non-blank, non-comment line read so far (good or skipped). */
    public long lastContentLine() {
        return lastContentLine;
    }

    /** The file name given at open, for messages. */
    public String file() {
        return file;
    }

    /**
     * The next data row, or null at the end. With a fixed width, a row with the wrong number of cells is
     * recorded in {@code log} (as truncated or over-long) and skipped.
     */
    public Row next(ProblemLog log) throws IOException {
        int skipped = 0;
        while (readLine()) {
            if (format.ragged) return new Row(file, lineNo, cells.toArray(), 0);
            if (columns < 0) columns = cells.n;
            if (cells.n == columns) return new Row(file, lineNo, cells.toArray(), skipped);
            skipped++;
            log.error(file, lineNo, Math.min(cells.n, columns) + 1, "expected " + columns + " cells, found "
                    + cells.n + (cells.n < columns ? " (truncated row)" : " (extra cells)") + "; row skipped");
        }
        return null;
    }

    /** Handles one row; a {@link DataFormatException} rejects it. */
    public interface RowHandler {
        void accept(Row row);
    }

    /**
     * Reads the remaining rows of a fixed-width file as runs of contiguous rows: each row goes to
     * {@code handler}, and {@code endRun} is called where the rows stop being contiguous (before a row that
     * follows a line skipped for its width, after a row the handler rejects) and at the end. A rejected row is
     * logged as an error, its reason followed by "; row skipped, {@code consequence}".
     */
    public void readRuns(ProblemLog log, String consequence, RowHandler handler, Runnable endRun) throws IOException {
        Row r;
        while ((r = next(log)) != null) {
            if (r.skippedBefore() > 0) endRun.run();
            try {
                handler.accept(r);
            } catch (DataFormatException e) {
                log.error(e.file(), e.line(), e.column(), e.reason() + "; row skipped, " + consequence);
                endRun.run();
            }
        }
        endRun.run();
    }

    /** The next row of a {@linkplain Format#ragged() ragged} file, or null at the end. */
    public Row next() throws IOException {
        if (!format.ragged) throw new IllegalStateException("rows of a fixed width need a ProblemLog for bad rows");
        return next(null);
    }

    private boolean readLine() throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') line = line.substring(1);
            String t = line.strip();
            if (t.isEmpty() || (format.comment != null && t.startsWith(format.comment))) continue;
            if (format.lineSuffix != null && t.endsWith(format.lineSuffix)) {
                t = t.substring(0, t.length() - format.lineSuffix.length()).strip();
            }
            lastContentLine = lineNo;
            cells.n = 0;
            if (format.whitespace) splitWhitespace(t);
            else split(t);
            return true;
        }
        return false;
    }

    private void splitWhitespace(String t) {
        int n = t.length();
        int i = 0;
        while (i < n) {
            while (i < n && isBlank(t.charAt(i))) i++;
            if (i >= n) break;
            int start = i;
            while (i < n && !isBlank(t.charAt(i))) i++;
            cells.add(t.substring(start, i));
        }
    }

    private void split(String t) {
        char d = format.delimiter;
        int n = t.length();
        int i = 0;
        while (true) {
            if (format.quotes && i < n && t.charAt(i) == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                while (i < n) {
                    char c = t.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && t.charAt(i + 1) == '"') { b.append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    b.append(c);
                    i++;
                }
                while (i < n && t.charAt(i) != d) i++;
                cells.add(b.toString().strip());
            } else {
                int j = t.indexOf(d, i);
                if (j < 0) j = n;
                cells.add(t.substring(i, j).strip());
                i = j;
            }
            if (i >= n) break;
            i++; // past the delimiter
            if (i == n) { cells.add(""); break; }
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** {@code s} cut to 40 characters for a message. */
    public static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** The cells of the current line; reused line after line. */
    private static final class Cells {
        private String[] cells = new String[16];
        private int n;

        void add(String cell) {
            if (n == cells.length) cells = Arrays.copyOf(cells, n * 2);
            cells[n++] = cell;
        }

        String[] toArray() {
            return Arrays.copyOf(cells, n);
        }
    }
}
