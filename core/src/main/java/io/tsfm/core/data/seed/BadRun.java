package io.tsfm.core.data.seed;

import io.tsfm.core.data.generic.ProblemLog;

/**
 * Tracks a run of consecutive rows skipped for the same reason (an unknown activity code, say) so that it
 * is reported once, at its first line, with the number of rows, instead of once per row. Not thread-safe.
 */
final class BadRun {
    private final ProblemLog log;
    private String file;
    private String key;
    private String message;
    private long line;
    private int column;
    private long rows;

    BadRun(ProblemLog log) {
        this.log = log;
    }

    /** Counts a skipped row; a new key (or file) ends the previous run first. */
    void add(String file, long line, int column, String key, String message) {
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
    void end() {
        if (key == null) return;
        log.error(file, line, column, message + "; " + rows + " row" + (rows == 1 ? "" : "s") + " skipped", rows);
        key = null;
        rows = 0;
    }
}
