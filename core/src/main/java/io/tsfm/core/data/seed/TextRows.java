package io.tsfm.core.data.seed;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A delimited text file read one row at a time. Unlike {@link io.tsfm.core.data.NumericTable}, which rejects a
 * file at its first bad row, this hands every row to the caller as text so that a reader can report one bad
 * row and keep the good rows around it (mixed text/number files, label columns, timestamps). Not thread-safe.
 */
final class TextRows implements Closeable {
    /** Delimiter value meaning "one or more blanks or tabs". */
    static final char WHITESPACE = ' ';

    private final BufferedReader reader;
    private final String file;
    private final char delimiter;
    private long lineNo;

    TextRows(InputStream in, String file, char delimiter) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        this.file = file;
        this.delimiter = delimiter;
    }

    /** The next non-blank row, or {@code null} at the end of the file. */
    Row next() throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            if (line.isBlank()) continue;
            return new Row(file, lineNo, split(line, delimiter));
        }
        return null;
    }

    String file() {
        return file;
    }

    /** Splits one line; a delimiter keeps empty cells, {@link #WHITESPACE} treats runs of blanks as one. */
    static String[] split(String line, char delimiter) {
        List<String> out = new ArrayList<>();
        if (delimiter == WHITESPACE) {
            int i = 0;
            int n = line.length();
            while (i < n) {
                while (i < n && isBlank(line.charAt(i))) i++;
                if (i >= n) break;
                int start = i;
                while (i < n && !isBlank(line.charAt(i))) i++;
                out.add(line.substring(start, i));
            }
        } else {
            int start = 0;
            for (int i = 0; i <= line.length(); i++) {
                if (i == line.length() || line.charAt(i) == delimiter) {
                    out.add(unquote(line.substring(start, i).strip()));
                    start = i + 1;
                }
            }
        }
        return out.toArray(new String[0]);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
            return s.substring(1, s.length() - 1).strip();
        }
        return s;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
