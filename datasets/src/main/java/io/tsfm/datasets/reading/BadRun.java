package io.tsfm.datasets.reading;

/**
 * Tracks a run of consecutive rows skipped for the same reason (an unknown activity code, say) so that it
 * is reported once, at its first line, with the number of rows, instead of once per row: the error reads
 * {@code <message>; <n> row(s) skipped} and counts the rows. Not thread-safe.
 */
public final class BadRun {
    private final ProblemLog log;
    private String file;
    private String key;
    private String message;
    private long line;
    private int column;
    private long rows;

    public BadRun(ProblemLog log) {
        this.log = log;
    }

    /** Counts a skipped row; a new key (or file) ends the previous run first. */
    public void add(String file, long line, int column, String key, String message) {
        if (!key.equals(this.key) || !file.equals(this.file)) {
            end();
            this.file = file;
            this.key = key;
            this.message = message;
            this.line = line;
            this.column = column;
        }
        rows++;
    }

    /** Reports the current run, if any. */
    public void end() {
        if (key == null) return;
        log.error(file, line, column, message + "; " + rows + " row" + (rows == 1 ? "" : "s") + " skipped", rows);
        key = null;
        rows = 0;
    }
}
