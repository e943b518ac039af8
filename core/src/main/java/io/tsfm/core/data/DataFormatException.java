package io.tsfm.core.data;

import io.tsfm.core.annotation.PublicApi;

/** Malformed input, naming the file, line and column where it was found. */
@PublicApi
public class DataFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final long line;
    private final int column;
    private final String reason;

    /**
     * @param file   file name (inside its archive or folder)
     * @param line   1-based line, 0 when not applicable
     * @param column 1-based column, 0 when not applicable
     * @param reason what is wrong
     */
    public DataFormatException(String file, long line, int column, String reason) {
        this(file, line, column, reason, null);
    }

    public DataFormatException(String file, long line, int column, String reason, Throwable cause) {
        super(format(file, line, column, reason), cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    private static String format(String file, long line, int column, String reason) {
        StringBuilder b = new StringBuilder(String.valueOf(file));
        if (line > 0) b.append(", line ").append(line);
        if (column > 0) b.append(", column ").append(column);
        return b.append(": ").append(reason).toString();
    }

    public String file() { return file; }
    public long line() { return line; }
    public int column() { return column; }
    public String reason() { return reason; }
}
