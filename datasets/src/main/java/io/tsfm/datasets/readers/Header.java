package io.tsfm.datasets.readers;

import io.tsfm.core.data.DataFormatException;
import io.tsfm.datasets.reading.DelimitedText.Row;
import io.tsfm.datasets.reading.DelimitedText;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A header row: column names (compared case-insensitively) to 0-based positions. */
final class Header {
    private final Row row;
    private final Map<String, Integer> index = new LinkedHashMap<>();

    private Header(Row row) {
        this.row = row;
        for (int i = 0; i < row.size(); i++) {
            index.putIfAbsent(key(row.text(i)), i);
        }
    }

    static Header of(Row row) {
        return new Header(row);
    }

    /** The header of a file, its first row; null, with the file logged as skipped, when the file is empty. */
    static Header read(DelimitedText rows, ReadLog log) throws IOException {
        Row first = rows.next();
        if (first == null) {
            log.skippedFile(rows.file(), "empty file");
            return null;
        }
        return new Header(first);
    }

    /** Position of the first of {@code names} present, or -1. */
    int find(String... names) {
        for (String n : names) {
            Integer i = index.get(key(n));
            if (i != null) return i;
        }
        return -1;
    }

    /** Positions of {@code names}, each required ({@link #require}). */
    int[] requireAll(String... names) {
        int[] cols = new int[names.length];
        for (int c = 0; c < cols.length; c++) cols[c] = require(names[c]);
        return cols;
    }

    /** Position of the first of {@code names} present, or an error naming the header line. */
    int require(String... names) {
        int i = find(names);
        if (i < 0) {
            throw new DataFormatException(row.file(), row.line(), 0, "missing column '" + String.join("' or '", names)
                    + "' in header " + index.keySet());
        }
        return i;
    }

    Row row() {
        return row;
    }

    private static String key(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }
}
