package io.tsfm.datasets.readers;

import java.util.List;

/**
 * One MATLAB array read from a MAT-file: numeric (any numeric or logical class, held as doubles), char, or
 * cell. Data are column-major, as MATLAB stores them. Immutable by convention (do not write into the
 * arrays returned); thread-safe to read.
 */
public final class MatArray {
    /** What the array holds. */
    public enum Kind { NUMERIC, CHAR, CELL }

    private final String name;
    private final String matlabClass;
    private final int[] dims;
    private final Kind kind;
    private final double[] numbers;
    private final char[] chars;
    private final List<MatArray> cells;

    MatArray(String name, String matlabClass, int[] dims, Kind kind, double[] numbers, char[] chars,
             List<MatArray> cells) {
        this.name = name;
        this.matlabClass = matlabClass;
        this.dims = dims;
        this.kind = kind;
        this.numbers = numbers;
        this.chars = chars;
        this.cells = cells == null ? null : List.copyOf(cells);
    }

    /** Variable name (empty for cell elements). */
    public String name() { return name; }
    /** MATLAB class, e.g. {@code double}, {@code uint8}, {@code char}, {@code cell}. */
    public String matlabClass() { return matlabClass; }
    public Kind kind() { return kind; }
    /** Dimensions, at least two. */
    public int[] dims() { return dims.clone(); }
    public int rows() { return dims[0]; }
    /** Columns; for arrays of more than two dimensions, the product of all but the first. */
    public int cols() {
        int c = 1;
        for (int i = 1; i < dims.length; i++) c *= dims[i];
        return c;
    }
    public int size() { return rows() * cols(); }

    /** Numeric element (row, col), 0-based. */
    public double get(int row, int col) {
        requireKind(Kind.NUMERIC);
        return numbers[col * dims[0] + row];
    }

    /** All numeric elements, column-major; do not modify. */
    public double[] numbers() {
        requireKind(Kind.NUMERIC);
        return numbers;
    }

    /** Row {@code row} of a char matrix as a string, trailing blanks removed (a 1×N char array is one string). */
    public String string(int row) {
        requireKind(Kind.CHAR);
        StringBuilder b = new StringBuilder(cols());
        for (int c = 0; c < cols(); c++) b.append(chars[c * dims[0] + row]);
        return b.toString().stripTrailing();
    }

    /** The whole char array as one string (row 0 of a 1×N array). */
    public String string() {
        return rows() == 0 ? "" : string(0);
    }

    /** Cell element (row, col), 0-based. */
    public MatArray cell(int row, int col) {
        requireKind(Kind.CELL);
        return cells.get(col * dims[0] + row);
    }

    private void requireKind(Kind k) {
        if (kind != k) throw new IllegalStateException("'" + name + "' is a " + matlabClass + " array, not " + k);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(name.isEmpty() ? "<element>" : name).append(": ");
        for (int i = 0; i < dims.length; i++) b.append(i == 0 ? "" : "x").append(dims[i]);
        return b.append(' ').append(matlabClass).toString();
    }
}
