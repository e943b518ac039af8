package io.tsfm.export.onnx.graph;

/**
 * One dimension of a graph input or output: a fixed size or a symbolic (dynamic) name such as {@code "B"}.
 * Immutable.
 *
 * @param size  the fixed size, or -1 when symbolic
 * @param param the symbolic name, or null when fixed
 */
public record Dim(long size, String param) {

    /** Validates that exactly one of size and name is given. */
    public Dim {
        if ((param == null) == (size < 0)) {
            throw new IllegalArgumentException("a dimension is either a size >= 0 or a symbolic name, got size "
                    + size + " and name " + param);
        }
    }

    /** A fixed dimension. */
    public static Dim of(long size) {
        return new Dim(size, null);
    }

    /** A dynamic dimension called {@code name}. */
    public static Dim dynamic(String name) {
        return new Dim(-1, name);
    }

    @Override
    public String toString() {
        return param != null ? param : Long.toString(size);
    }
}
