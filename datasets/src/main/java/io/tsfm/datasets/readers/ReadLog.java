package io.tsfm.datasets.readers;

import io.tsfm.core.data.DataFormatException;
import io.tsfm.core.data.ReadProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The problems met while reading one dataset. Repeats of the same kind of problem in the same file and column
 * (a column of bad values, a file of NaNs) are folded into one {@link ReadProblem} that keeps the first
 * occurrence's line and message and counts the rest, so a damaged 4-million-row file yields a readable report.
 * Not thread-safe.
 *
 * <p>Why this and {@link io.tsfm.datasets.reading.ProblemLog} both exist: they are two reporting policies, and
 * each family of seed readers is tested against its own. This one folds every repeat of a kind of problem
 * (same file and column) into one counted entry and keeps entries in order of first occurrence, errors and
 * warnings interleaved; ProblemLog lists each error on its own (up to a cap per file, then one summary) and
 * puts warnings, aggregated by message, after the errors. The readers deriving from {@link SeedReader} directly
 * use this one; those deriving from {@link SeedFactsReader} (through
 * {@link io.tsfm.datasets.reading.DatasetBuilder}) use ProblemLog.
 */
final class ReadLog {
    private final Map<String, ReadProblem> problems = new LinkedHashMap<>();

    /** A malformed record that was skipped. */
    void error(DataFormatException e) {
        add(new ReadProblem(e.file(), e.line(), e.column(), e.reason(), 1, true), "E|" + e.file() + "|" + e.column());
    }

    /** A whole file skipped because of a structural error at {@code e}'s line and column (e.g. its header). */
    void skippedFile(DataFormatException e) {
        add(new ReadProblem(e.file(), e.line(), e.column(), e.reason() + "; file skipped", 1, true),
                "F|" + e.file() + "|" + e.reason());
    }

    /** A whole file skipped. */
    void skippedFile(String file, String reason) {
        add(new ReadProblem(file, 0, 0, reason + "; file skipped", 1, true), "F|" + file + "|" + reason);
    }

    /**
     * Something repaired or deliberately left out, not an error. {@code kind} groups repeats within a file.
     */
    void warn(String file, long line, int column, String kind, String message, long count) {
        add(new ReadProblem(file, line, column, message, count, false), "W|" + file + "|" + kind);
    }

    private void add(ReadProblem p, String key) {
        problems.merge(key, p, (a, b) -> new ReadProblem(a.file(), a.line(), a.column(), a.message(),
                a.count() + b.count(), a.fatal()));
    }

    List<ReadProblem> problems() {
        return new ArrayList<>(problems.values());
    }
}
