package io.tsfm.simulation.dataset;

import io.tsfm.core.data.DataFormatException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The archives' manifest CSVs: a header row, then one row per clip, RFC 4180 quoting, no line breaks inside cells. */
final class Csv {
    private Csv() {}

    /** One data row by column name, with its 1-based line number. */
    record Row(long line, Map<String, String> cells) {
        String get(String column) {
            String v = cells.get(column);
            return v == null ? "" : v;
        }
    }

    static List<Row> parse(String text, String file) {
        String[] lines = text.split("\r?\n");
        if (lines.length == 0 || lines[0].isBlank()) throw new DataFormatException(file, 1, 0, "empty manifest");
        List<String> header = split(lines[0], file, 1);
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            List<String> cells = split(lines[i], file, i + 1);
            if (cells.size() != header.size()) {
                throw new DataFormatException(file, i + 1, 0, cells.size() + " cells, the header has " + header.size());
            }
            Map<String, String> m = new HashMap<>();
            for (int c = 0; c < cells.size(); c++) m.put(header.get(c), cells.get(c));
            rows.add(new Row(i + 1, m));
        }
        return rows;
    }

    private static List<String> split(String line, String file, long no) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        if (quoted) throw new DataFormatException(file, no, line.length(), "unterminated quoted cell");
        out.add(cell.toString());
        return out;
    }
}
