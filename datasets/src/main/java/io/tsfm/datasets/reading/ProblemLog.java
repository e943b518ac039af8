package io.tsfm.datasets.reading;

import io.tsfm.core.data.DataFormatException;
import io.tsfm.core.data.ReadProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the {@link ReadProblem}s of one read. Errors (a skipped line, record or file) are kept one by
 * one up to a limit per file, so a file that is broken on every line does not bury the rest; the errors
 * beyond the limit are counted into one closing entry per file. Warnings (repaired values) are aggregated
 * per file and message: the message must not contain the count, which is summed instead.
 *
 * <p>The seed readers that declare their facts in code report through {@code io.tsfm.datasets.readers.ReadLog}
 * instead, which folds repeats of a problem into one counted entry; see there why both exist.
 *
 * <p>Not thread-safe: one log per read.
 */
public final class ProblemLog {
    /** Individual errors kept per file before the rest are only counted. */
    public static final int DEFAULT_ERRORS_PER_FILE = 20;

    private final int errorsPerFile;
    private final List<ReadProblem> errors = new ArrayList<>();
    private final Map<String, Integer> errorCount = new HashMap<>();
    private final Map<String, long[]> suppressed = new LinkedHashMap<>();
    private final Map<List<Object>, Warning> warnings = new LinkedHashMap<>();

    private static final class Warning {
        final String file;
        final long line;
        final int column;
        final String message;
        long count;

        Warning(String file, long line, int column, String message) {
            this.file = file;
            this.line = line;
            this.column = column;
            this.message = message;
        }
    }

    public ProblemLog() {
        this(DEFAULT_ERRORS_PER_FILE);
    }

    public ProblemLog(int errorsPerFile) {
        this.errorsPerFile = errorsPerFile;
    }

    /** Records a fatal problem: the line, record or file named was skipped. */
    public void error(String file, long line, int column, String message) {
        error(file, line, column, message, 1);
    }

    /** Records a fatal problem that stands for {@code count} skipped rows (a run of bad rows, first one named). */
    public void error(String file, long line, int column, String message, long count) {
        int n = errorCount.merge(file, 1, Integer::sum);
        if (n <= errorsPerFile) {
            errors.add(new ReadProblem(file, line, column, message, count, true));
        } else {
            suppressed.computeIfAbsent(file, f -> new long[1])[0]++;
        }
    }

    /** Records a fatal problem from a parse error. */
    public void error(DataFormatException e) {
        error(e.file(), e.line(), e.column(), e.reason());
    }

    /**
     * Records {@code count} repaired values; entries with the same file and message are merged and keep the
     * line and column of the first occurrence.
     */
    public void warning(String file, long line, int column, String message, long count) {
        if (count <= 0) return;
        warnings.computeIfAbsent(List.of(file, message), k -> new Warning(file, line, column, message)).count += count;
    }

    /** Number of errors recorded for a file (including those only counted). */
    public int errors(String file) {
        return errorCount.getOrDefault(file, 0);
    }

    /** Every problem: errors in order, then one summary per file with suppressed errors, then warnings. */
    public List<ReadProblem> problems() {
        List<ReadProblem> out = new ArrayList<>(errors);
        for (Map.Entry<String, long[]> e : suppressed.entrySet()) {
            out.add(new ReadProblem(e.getKey(), 0, 0, "further malformed lines skipped (only the first "
                    + errorsPerFile + " are listed)", e.getValue()[0], true));
        }
        for (Warning w : warnings.values()) {
            out.add(new ReadProblem(w.file, w.line, w.column, w.message, w.count, false));
        }
        return out;
    }
}
