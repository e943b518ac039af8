package io.tsfm.core.data;

import io.tsfm.core.annotation.PublicApi;

/**
 * Something wrong in the input that a reader skipped past, with where it was.
 *
 * @param file    file (inside the archive or folder)
 * @param line    1-based line, or 0 when not line-oriented
 * @param column  1-based column, or 0 when unknown
 * @param message what is wrong and what was done about it
 * @param count   how many occurrences this entry stands for (warnings are aggregated per file)
 * @param fatal   true when the whole file (or record) was skipped, false when only values were repaired
 */
@PublicApi
public record ReadProblem(String file, long line, int column, String message, long count, boolean fatal) {
    public static ReadProblem of(DataFormatException e) {
        return new ReadProblem(e.file(), e.line(), e.column(), e.reason(), 1, true);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(fatal ? "error: " : "warning: ").append(file);
        if (line > 0) b.append(':').append(line);
        if (column > 0) b.append(':').append(column);
        b.append(": ").append(message);
        if (count > 1) b.append(" (").append(count).append(" times)");
        return b.toString();
    }
}
