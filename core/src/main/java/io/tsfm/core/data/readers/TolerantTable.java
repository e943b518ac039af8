package io.tsfm.core.data.readers;

import io.tsfm.core.data.DataFormatException;
import io.tsfm.core.data.DatasetSource;
import io.tsfm.core.data.NumericTable;
import io.tsfm.core.data.ReadProblem;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A numeric text file read with {@link NumericTable} where a malformed row (non-numeric cell, missing or
 * extra values, a truncated last line) is reported as a {@link ReadProblem} naming file, line and column
 * and skipped, while the rows before and after it are kept with their own line numbers. Readers whose
 * rows carry timestamps, or whose samples are addressed by line number, use this so that one bad row
 * costs only what depends on it. Immutable.
 */
final class TolerantTable {
    /** Beyond this many malformed rows a file is treated as garbage and its remainder skipped. */
    static final int MAX_BAD_ROWS = 20;

    private final double[][] columns;
    private final long[] lines;

    private TolerantTable(double[][] columns, long[] lines) {
        this.columns = columns;
        this.lines = lines;
    }

    /**
     * Reads {@code entry}.
     *
     * @param columns   values per row
     * @param skipLines header lines before the data
     * @param comment   comment prefix, or null
     * @param problems  receives one entry per skipped row
     */
    static TolerantTable read(DatasetSource src, String entry, int columns, int skipLines, String comment,
                              List<ReadProblem> problems) throws IOException {
        List<NumericTable> parts = new ArrayList<>();
        int from = skipLines;
        int bad = 0;
        while (true) {
            try (InputStream in = src.open(entry)) {
                parts.add(NumericTable.read(in, entry, format(columns, from, comment)));
                break;
            } catch (DataFormatException e) {
                if (e.line() <= from) throw e; // cannot make progress; never expected
                problems.add(new ReadProblem(e.file(), e.line(), e.column(), e.reason() + "; row skipped", 1, true));
                try (InputStream in = new LineLimitedInputStream(src.open(entry), e.line() - 1)) {
                    parts.add(NumericTable.read(in, entry, format(columns, from, comment)));
                }
                from = Math.toIntExact(e.line());
                if (++bad >= MAX_BAD_ROWS) {
                    problems.add(new ReadProblem(entry, e.line() + 1, 0, "more than " + MAX_BAD_ROWS
                            + " malformed rows: the rest of the file is skipped", 1, true));
                    break;
                }
            }
        }
        return merge(parts, columns);
    }

    private static NumericTable.Format format(int columns, int skip, String comment) {
        NumericTable.Format f = new NumericTable.Format().columns(columns).skip(skip);
        return comment == null ? f : f.comment(comment);
    }

    private static TolerantTable merge(List<NumericTable> parts, int ncol) {
        if (parts.size() == 1) {
            NumericTable t = parts.get(0);
            double[][] cols = new double[ncol][];
            for (int c = 0; c < ncol; c++) cols[c] = t.column(c);
            long[] lines = new long[t.rows()];
            for (int r = 0; r < lines.length; r++) lines[r] = t.line(r);
            return new TolerantTable(cols, lines);
        }
        int rows = 0;
        for (NumericTable t : parts) rows += t.rows();
        double[][] cols = new double[ncol][rows];
        long[] lines = new long[rows];
        int at = 0;
        for (NumericTable t : parts) {
            for (int c = 0; c < ncol; c++) System.arraycopy(t.column(c), 0, cols[c], at, t.rows());
            for (int r = 0; r < t.rows(); r++) lines[at + r] = t.line(r);
            at += t.rows();
        }
        return new TolerantTable(cols, lines);
    }

    int rows() { return lines.length; }

    /** Column {@code c}; do not modify. */
    double[] column(int c) { return columns[c]; }

    /** Source line (1-based) of row {@code r}. */
    long line(int r) { return lines[r]; }
}
