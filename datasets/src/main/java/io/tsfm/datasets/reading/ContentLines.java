package io.tsfm.datasets.reading;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * The content lines of a text format whose comments start with {@code #}: blank and comment lines are passed over,
 * but every line read counts toward the line number that error messages name. Not thread-safe.
 */
public final class ContentLines {
    private final BufferedReader reader;
    private String raw;
    private String text;
    private long number;

    /** Content lines of {@code reader}, from where it stands. */
    public ContentLines(BufferedReader reader) {
        this.reader = reader;
    }

    /** Moves to the next content line; false at the end of the input. */
    public boolean next() throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            number++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            raw = line;
            text = t;
            return true;
        }
        return false;
    }

    /** The current line as read. */
    public String raw() {
        return raw;
    }

    /** The current line without leading and trailing white space. */
    public String text() {
        return text;
    }

    /** 1-based number of the current line; at the end of the input, the number of lines read. */
    public long number() {
        return number;
    }
}
