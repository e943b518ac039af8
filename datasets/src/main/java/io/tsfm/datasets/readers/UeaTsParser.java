package io.tsfm.datasets.readers;

import io.tsfm.core.data.DataFormatException;
import io.tsfm.core.data.ReadProblem;
import io.tsfm.datasets.reading.ContentLines;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Parser for the UEA/sktime {@code .ts} time-series format: {@code #} comments, a header of
 * {@code @problemName}, {@code @timeStamps}, {@code @missing}, {@code @univariate}, {@code @dimensions},
 * {@code @equalLength}, {@code @seriesLength}, {@code @classLabel true <labels...>} and {@code @data}, then
 * one case a line: its dimensions separated by {@code :}, each a comma-separated series, the class label
 * last. {@code ?} (the format's missing value) and {@code NaN} read as NaN for the caller to repair.
 *
 * <p>A malformed header fails the whole file ({@link DataFormatException}); a malformed case (wrong number
 * of dimensions, a non-numeric value, a length that differs from the header's, an undeclared label) is
 * reported as a {@link ReadProblem} naming file, line and character column, and the other cases still
 * read. Stateless and thread-safe.
 */
final class UeaTsParser {
    private UeaTsParser() {}

    /** One case: its line, class label as written, and values {@code [dimension][t]}. */
    record Case(long line, int index, String label, float[][] values) {}

    /** A parsed file: header facts and the cases that parsed. */
    record TsFile(String problemName, int dimensions, int seriesLength, List<String> classLabels, List<Case> cases) {}

    static TsFile parse(InputStream in, String file, List<ReadProblem> problems) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        String problemName = "";
        int dims = -1;
        int seriesLength = -1;
        boolean equalLength = false;
        boolean univariate = false;
        List<String> classLabels = null;
        boolean inData = false;
        List<Case> cases = new ArrayList<>();
        int caseIndex = 0;
        ContentLines lines = new ContentLines(r);
        while (lines.next()) {
            long no = lines.number();
            String t = lines.text();
            if (!inData) {
                if (!t.startsWith("@")) {
                    throw new DataFormatException(file, no, 1, "expected a header tag (@...) or @data before the cases");
                }
                String[] f = t.split("\\s+");
                String tag = f[0].toLowerCase(Locale.ROOT);
                switch (tag) {
                    case "@problemname": problemName = f.length > 1 ? f[1] : ""; break;
                    case "@timestamps":
                        if (bool(f, file, no)) throw new DataFormatException(file, no, 1, "@timeStamps true is not supported");
                        break;
                    case "@missing": bool(f, file, no); break;
                    case "@univariate": univariate = bool(f, file, no); break;
                    case "@dimensions": dims = positiveInt(f, file, no); break;
                    case "@equallength": equalLength = bool(f, file, no); break;
                    case "@serieslength": seriesLength = positiveInt(f, file, no); break;
                    case "@classlabel":
                        if (!bool(f, file, no)) {
                            throw new DataFormatException(file, no, 1, "@classLabel false: the file has no class labels");
                        }
                        classLabels = List.copyOf(Arrays.asList(f).subList(2, f.length));
                        break;
                    case "@targetlabel":
                        throw new DataFormatException(file, no, 1, "regression files (@targetLabel) are not supported");
                    case "@data":
                        if (classLabels == null) throw new DataFormatException(file, no, 1, "@data before @classLabel");
                        if (univariate) dims = 1;
                        inData = true;
                        break;
                    default:
                        problems.add(new ReadProblem(file, no, 1, "unknown header tag " + f[0] + " ignored", 1, false));
                }
                continue;
            }
            int index = ++caseIndex;
            try {
                Case c = parseCase(lines.raw(), no, index, file, dims, equalLength ? seriesLength : -1, classLabels);
                if (dims < 0) dims = c.values().length;
                cases.add(c);
            } catch (DataFormatException e) {
                problems.add(new ReadProblem(e.file(), e.line(), e.column(), e.reason() + "; case skipped", 1, true));
            }
        }
        if (!inData) throw new DataFormatException(file, lines.number(), 0, "no @data section");
        return new TsFile(problemName, dims, seriesLength, classLabels, cases);
    }

    private static Case parseCase(String line, long no, int index, String file, int dims, int length,
                                  List<String> classLabels) {
        int labelColon = line.lastIndexOf(':');
        if (labelColon < 0) throw new DataFormatException(file, no, 1, "no ':' before the class label");
        String label = line.substring(labelColon + 1).strip();
        if (!classLabels.isEmpty() && !classLabels.contains(label)) {
            throw new DataFormatException(file, no, labelColon + 2, "class label '" + label
                    + "' is not declared in @classLabel " + classLabels);
        }
        List<float[]> series = new ArrayList<>();
        int pos = 0;
        float[] buf = new float[Math.max(length, 16)];
        while (pos <= labelColon) {
            int end = line.indexOf(':', pos);
            int n = 0;
            int v = pos;
            while (v <= end) {
                int comma = line.indexOf(',', v);
                int stop = comma < 0 || comma > end ? end : comma;
                if (n == buf.length) buf = Arrays.copyOf(buf, n * 2);
                buf[n++] = value(line, v, stop, file, no);
                v = stop + 1;
            }
            if (length > 0 && n != length) {
                throw new DataFormatException(file, no, pos + 1, "dimension " + (series.size() + 1) + " has " + n
                        + " values, @seriesLength says " + length + " (truncated or malformed case)");
            }
            if (!series.isEmpty() && n != series.get(0).length) {
                throw new DataFormatException(file, no, pos + 1, "dimension " + (series.size() + 1) + " has " + n
                        + " values, dimension 1 has " + series.get(0).length);
            }
            series.add(Arrays.copyOf(buf, n));
            pos = end + 1;
        }
        if (dims > 0 && series.size() != dims) {
            throw new DataFormatException(file, no, labelColon + 1, "expected " + dims + " dimensions, found "
                    + series.size() + " (truncated or malformed case)");
        }
        return new Case(no, index, label, series.toArray(new float[0][]));
    }

    /** The value in {@code line[from, to)}; {@code ?} and NaN/Inf spellings are non-finite. */
    private static float value(String line, int from, int to, String file, long no) {
        String s = line.substring(from, to).strip();
        if (s.equals("?")) return Float.NaN;
        try {
            return (float) Double.parseDouble(s);
        } catch (NumberFormatException e) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "nan": return Float.NaN;
                case "inf": case "+inf": case "infinity": return Float.POSITIVE_INFINITY;
                case "-inf": case "-infinity": return Float.NEGATIVE_INFINITY;
                default:
                    throw new DataFormatException(file, no, from + 1, s.isEmpty() ? "empty value"
                            : "not a number: '" + (s.length() > 40 ? s.substring(0, 37) + "..." : s) + "'");
            }
        }
    }

    private static boolean bool(String[] f, String file, long no) {
        if (f.length < 2) throw new DataFormatException(file, no, 1, f[0] + " needs true or false");
        String v = f[1].toLowerCase(Locale.ROOT);
        if (v.equals("true")) return true;
        if (v.equals("false")) return false;
        throw new DataFormatException(file, no, f[0].length() + 2, f[0] + ": expected true or false, found '" + f[1] + "'");
    }

    private static int positiveInt(String[] f, String file, long no) {
        try {
            int v = Integer.parseInt(f[1]);
            if (v > 0) return v;
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // reported below
        }
        throw new DataFormatException(file, no, f[0].length() + 2, f[0] + ": expected a positive integer");
    }
}
