package io.tsfm.core.data.generic;

import io.tsfm.core.data.DataFormatException;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A delimited text file read line by line, tolerant of bad lines: a line with the wrong number of cells is
 * recorded in a {@link ProblemLog} (file, line, column) and skipped, and reading goes on; a cell that does
 * not parse throws a {@link DataFormatException} naming file, line and column, which the caller records to
 * skip just that row. This is the line-tolerant counterpart of {@link io.tsfm.core.data.NumericTable}
 * (which stops at the first bad line), for formats where one bad line must not cost the whole file.
 *
 * <p>Blank lines and comment lines are ignored. The column count is the header's when there is one, else
 * the configured count, else the first data row's. Not thread-safe; the {@link Row} returned by
 * {@link #next} is reused and valid until the next call.
 */
public final class DelimitedText implements Closeable {

    /** How lines are split. Defaults: comma-delimited, no header, no comments, no quoting. */
    public static final class Format {
        private char delimiter = ',';
        private boolean whitespace;
        private boolean header;
        private boolean quotes;
        private String comment;
        private String lineSuffix;
        private int columns = -1;

        /** Comma-separated values with a header line and double-quoted fields. */
        public static Format csvWithHeader() {
            return new Format().delimiter(',').header(true).quotes(true);
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
        public Format quotes(boolean q) { this.quotes = q; return this; }
        public Format comment(String prefix) { this.comment = prefix; return this; }
        /** A terminator every line may end with (WISDM ends lines with ';'); stripped before splitting. */
        public Format lineSuffix(String suffix) { this.lineSuffix = suffix; return this; }
        public Format columns(int n) { this.columns = n; return this; }
    }

    /** One data line split into cells. */
    public final class Row {
        private String[] cells = new String[16];
        private int size;
        private long line;
        private int skippedBefore;

        public String file() { return file; }
        /** 1-based line number in the file. */
        public long line() { return line; }
        public int size() { return size; }
        /** Malformed lines skipped (and logged) since the previous row returned: the data is not contiguous. */
        public int skippedBefore() { return skippedBefore; }

        /** Cell {@code i} (0-based), trimmed. */
        public String text(int i) {
            return cells[i];
        }

        /** Cell {@code i} as a number; NaN and infinities are accepted as written ("NaN", "nan", "Inf", "-inf"). */
        public double number(int i) {
            String s = cells[i];
            if (s.isEmpty()) throw error(i, "empty cell where a number was expected");
            double v = parseNumber(s);
            if (Double.isNaN(v) && !isNanWord(s)) throw error(i, "not a number: '" + abbreviate(s) + "'");
            return v;
        }

        /** Like {@link #number} but an empty cell reads as NaN (a missing value, as pandas writes it). */
        public double numberOrNaN(int i) {
            return cells[i].isEmpty() ? Double.NaN : number(i);
        }

        /** Cell {@code i} as a whole number (for timestamps in ns, which do not fit a double exactly). */
        public long integer(int i) {
            String s = cells[i];
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw error(i, "not a whole number: '" + abbreviate(s) + "'");
            }
        }

        /** An error naming this row's file, line and 1-based column {@code i + 1}. */
        public DataFormatException error(int i, String reason) {
            return new DataFormatException(file, line, i + 1, reason);
        }

        private void add(String cell) {
            if (size == cells.length) cells = Arrays.copyOf(cells, size * 2);
            cells[size++] = cell;
        }
    }

    private final BufferedReader reader;
    private final String file;
    private final Format format;
    private final Row row = new Row();
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
            String[] names = new String[t.row.size];
            for (int i = 0; i < names.length; i++) names[i] = t.row.cells[i];
            t.header = List.of(names);
            t.headerLine = t.row.line;
            t.columns = names.length;
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
     * The next data row, or null at the end. A row with the wrong number of cells is recorded in
     * {@code log} (as truncated or over-long) and skipped.
     */
    public Row next(ProblemLog log) throws IOException {
        int skipped = 0;
        while (readLine()) {
            if (columns < 0) columns = row.size;
            if (row.size == columns) {
                row.skippedBefore = skipped;
                return row;
            }
            skipped++;
            log.error(file, row.line, Math.min(row.size, columns) + 1, "expected " + columns + " cells, found "
                    + row.size + (row.size < columns ? " (truncated row)" : " (extra cells)") + "; row skipped");
        }
        return null;
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
            row.size = 0;
            row.line = lineNo;
            lastContentLine = lineNo;
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
            row.add(t.substring(start, i));
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
                row.add(b.toString().strip());
            } else {
                int j = t.indexOf(d, i);
                if (j < 0) j = n;
                row.add(t.substring(i, j).strip());
                i = j;
            }
            if (i >= n) break;
            i++; // past the delimiter
            if (i == n) { row.add(""); break; }
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static double parseNumber(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            String l = s.toLowerCase(Locale.ROOT);
            switch (l) {
                case "nan": return Double.NaN;
                case "inf": case "+inf": case "infinity": case "+infinity": return Double.POSITIVE_INFINITY;
                case "-inf": case "-infinity": return Double.NEGATIVE_INFINITY;
                default: return Double.NaN;
            }
        }
    }

    private static boolean isNanWord(String s) {
        return s.equalsIgnoreCase("nan") || s.equalsIgnoreCase("+nan") || s.equalsIgnoreCase("-nan");
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
