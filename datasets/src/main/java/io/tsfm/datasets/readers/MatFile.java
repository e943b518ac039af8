package io.tsfm.datasets.readers;

import io.tsfm.core.data.DataFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Inflater;

/**
 * A minimal reader of MATLAB level-5 MAT-files (the format of {@code save -v6} and {@code -v7}): the
 * 128-byte header, then data elements, each optionally zlib-compressed ({@code miCOMPRESSED}). It reads
 * what the seed datasets need: numeric and logical arrays of every class (into doubles, whatever smaller
 * type MATLAB stored them in), char arrays, and cell arrays of those. Structs, objects, sparse and complex
 * arrays are refused with a clear error, as are v7.3 files (HDF5) and v4 files. Stateless.
 *
 * <p>Format: MathWorks, "MAT-File Format" (MATLAB documentation, level 5 section).
 */
public final class MatFile {
    private static final int MI_INT8 = 1;
    private static final int MI_UINT8 = 2;
    private static final int MI_INT16 = 3;
    private static final int MI_UINT16 = 4;
    private static final int MI_INT32 = 5;
    private static final int MI_UINT32 = 6;
    private static final int MI_SINGLE = 7;
    private static final int MI_DOUBLE = 9;
    private static final int MI_INT64 = 12;
    private static final int MI_UINT64 = 13;
    private static final int MI_MATRIX = 14;
    private static final int MI_COMPRESSED = 15;
    private static final int MI_UTF8 = 16;
    private static final int MI_UTF16 = 17;
    private static final int MI_UTF32 = 18;
    private static final String[] CLASS = {null, "cell", "struct", "object", "char", "sparse", "double", "single",
            "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"};
    private static final int HEADER = 128;

    private final String file;
    private final ByteOrder order;

    private MatFile(String file, ByteOrder order) {
        this.file = file;
        this.order = order;
    }

    /**
     * Parses a whole MAT-file.
     *
     * @param bytes the file's bytes
     * @param file  its name, for messages
     * @return variables by name, in file order
     * @throws DataFormatException naming the file, the byte offset or variable, and what is wrong
     */
    public static Map<String, MatArray> parse(byte[] bytes, String file) {
        if (bytes.length < HEADER) {
            throw new DataFormatException(file, 0, 0, "too short for a MAT-file (" + bytes.length + " bytes)");
        }
        String text = new String(bytes, 0, 116, StandardCharsets.US_ASCII);
        if (text.startsWith("MATLAB 7.3")) {
            throw new DataFormatException(file, 0, 0, "MAT-file v7.3 (HDF5) is not supported; re-save it with "
                    + "save(..., '-v7')");
        }
        if (bytes[0] == 0 || bytes[1] == 0 || bytes[2] == 0 || bytes[3] == 0) {
            throw new DataFormatException(file, 0, 0, "not a level-5 MAT-file (a v4 file, or not a MAT-file)");
        }
        ByteOrder order;
        if (bytes[126] == 'I' && bytes[127] == 'M') order = ByteOrder.LITTLE_ENDIAN;
        else if (bytes[126] == 'M' && bytes[127] == 'I') order = ByteOrder.BIG_ENDIAN;
        else throw new DataFormatException(file, 0, 0, "bad MAT-file endian indicator at byte 126");
        MatFile m = new MatFile(file, order);
        Map<String, MatArray> vars = new LinkedHashMap<>();
        m.readTop(ByteBuffer.wrap(bytes, HEADER, bytes.length - HEADER).slice().order(order), HEADER, vars);
        return vars;
    }

    /** One data element: its type, its data (a view), and where it starts in the file (for messages). */
    private static final class Element {
        final int type;
        final ByteBuffer data;
        final long offset;

        Element(int type, ByteBuffer data, long offset) {
            this.type = type;
            this.data = data;
            this.offset = offset;
        }
    }

    private void readTop(ByteBuffer buf, long base, Map<String, MatArray> vars) {
        while (buf.remaining() >= 8) {
            Element e = element(buf, base);
            if (e.type == MI_COMPRESSED) {
                byte[] raw = inflate(e);
                readTop(ByteBuffer.wrap(raw).order(order), e.offset, vars);
            } else if (e.type == MI_MATRIX) {
                MatArray a = matrix(e, "");
                vars.put(a.name(), a);
            } else {
                throw fail(e.offset, "unexpected top-level element type " + e.type);
            }
        }
    }

    private Element element(ByteBuffer buf, long base) {
        long offset = base + buf.position();
        if (buf.remaining() < 8) throw fail(offset, "truncated element tag");
        int first = buf.getInt();
        if ((first >>> 16) != 0) { // small data element: size and type packed in 4 bytes, data in the next 4
            int size = first >>> 16;
            if (size > 4) throw fail(offset, "small data element of " + size + " bytes");
            ByteBuffer d = buf.slice().order(order);
            d.limit(size);
            buf.position(buf.position() + 4);
            return new Element(first & 0xFFFF, d, offset);
        }
        int size = buf.getInt();
        if (size < 0 || size > buf.remaining()) {
            throw fail(offset, "element of " + Integer.toUnsignedString(size) + " bytes but only " + buf.remaining()
                    + " remain (truncated file?)");
        }
        ByteBuffer d = buf.slice().order(order);
        d.limit(size);
        int next = buf.position() + size;
        if (first != MI_COMPRESSED) next += (8 - size % 8) % 8; // uncompressed data is padded to 8 bytes
        buf.position(Math.min(next, buf.limit()));
        return new Element(first, d, offset);
    }

    private byte[] inflate(Element e) {
        Inflater inf = new Inflater();
        try {
            byte[] in = new byte[e.data.remaining()];
            e.data.get(in);
            inf.setInput(in);
            ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * 4);
            byte[] chunk = new byte[1 << 16];
            while (!inf.finished()) {
                int n = inf.inflate(chunk);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw fail(e.offset, "compressed element ends early");
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (java.util.zip.DataFormatException ex) {
            throw fail(e.offset, "compressed element is corrupt: " + ex.getMessage());
        } finally {
            inf.end();
        }
    }

    private MatArray matrix(Element e, String context) {
        ByteBuffer d = e.data;
        if (!d.hasRemaining()) { // an empty cell element is written as a matrix element of size 0
            return new MatArray("", "double", new int[] {0, 0}, MatArray.Kind.NUMERIC, new double[0], null, null);
        }
        Element flagsEl = element(d, e.offset + 8);
        if (flagsEl.type != MI_UINT32 || flagsEl.data.remaining() < 4) throw fail(flagsEl.offset, "bad array flags");
        int flags = flagsEl.data.getInt(0);
        int cls = flags & 0xFF;
        boolean complex = (flags & 0x0800) != 0;
        Element dimsEl = element(d, e.offset + 8);
        if (dimsEl.type != MI_INT32) throw fail(dimsEl.offset, "bad dimensions element");
        int[] dims = new int[dimsEl.data.remaining() / 4];
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            dims[i] = dimsEl.data.getInt(i * 4);
            count *= dims[i];
        }
        if (dims.length < 2 || count < 0 || count > Integer.MAX_VALUE) throw fail(dimsEl.offset, "bad dimensions");
        Element nameEl = element(d, e.offset + 8);
        byte[] nb = new byte[nameEl.data.remaining()];
        nameEl.data.get(nb);
        String name = new String(nb, StandardCharsets.US_ASCII);
        String where = context.isEmpty() ? "variable '" + name + "'" : context;
        String clsName = cls < CLASS.length && CLASS[cls] != null ? CLASS[cls] : "class " + cls;
        if (complex) throw fail(e.offset, where + ": complex arrays are not supported");
        int n = (int) count;
        switch (cls) {
            case 1: {
                List<MatArray> cells = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    Element c = element(d, e.offset + 8);
                    if (c.type != MI_MATRIX) throw fail(c.offset, where + ": cell element " + (i + 1) + " is not an array");
                    cells.add(matrix(c, where + " cell " + (i + 1)));
                }
                return new MatArray(name, "cell", dims, MatArray.Kind.CELL, null, null, cells);
            }
            case 4: {
                Element c = n == 0 ? null : element(d, e.offset + 8);
                char[] chars = c == null ? new char[0] : chars(c, where);
                if (chars.length != n) throw fail(e.offset, where + ": " + chars.length + " characters for " + n + " elements");
                return new MatArray(name, "char", dims, MatArray.Kind.CHAR, null, chars, null);
            }
            case 6: case 7: case 8: case 9: case 10: case 11: case 12: case 13: case 14: case 15: {
                double[] v = n == 0 ? new double[0] : numbers(element(d, e.offset + 8), n, where);
                return new MatArray(name, clsName, dims, MatArray.Kind.NUMERIC, v, null, null);
            }
            default:
                throw fail(e.offset, where + ": " + clsName + " arrays are not supported");
        }
    }

    private double[] numbers(Element e, int n, String where) {
        int width = width(e.type);
        if (width == 0) throw fail(e.offset, where + ": data of element type " + e.type + " is not numeric");
        if (e.data.remaining() != (long) n * width) {
            throw fail(e.offset, where + ": " + e.data.remaining() + " data bytes for " + n + " elements of " + width);
        }
        ByteBuffer b = e.data;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            int p = i * width;
            switch (e.type) {
                case MI_INT8: v[i] = b.get(p); break;
                case MI_UINT8: v[i] = b.get(p) & 0xFF; break;
                case MI_INT16: v[i] = b.getShort(p); break;
                case MI_UINT16: v[i] = b.getShort(p) & 0xFFFF; break;
                case MI_INT32: v[i] = b.getInt(p); break;
                case MI_UINT32: v[i] = b.getInt(p) & 0xFFFFFFFFL; break;
                case MI_SINGLE: v[i] = b.getFloat(p); break;
                case MI_DOUBLE: v[i] = b.getDouble(p); break;
                case MI_INT64: v[i] = b.getLong(p); break;
                case MI_UINT64: {
                    long l = b.getLong(p);
                    v[i] = l >= 0 ? l : (double) (l >>> 1) * 2.0 + (l & 1); // above Long.MAX_VALUE
                    break;
                }
                default: throw fail(e.offset, where + ": element type " + e.type);
            }
        }
        return v;
    }

    private char[] chars(Element e, String where) {
        ByteBuffer b = e.data;
        switch (e.type) {
            case MI_UINT16: case MI_UTF16: {
                char[] c = new char[b.remaining() / 2];
                for (int i = 0; i < c.length; i++) c[i] = (char) b.getShort(i * 2);
                return c;
            }
            case MI_UINT8: case MI_INT8: case MI_UTF8: {
                byte[] raw = new byte[b.remaining()];
                b.get(raw);
                return new String(raw, StandardCharsets.UTF_8).toCharArray();
            }
            case MI_UTF32: {
                StringBuilder s = new StringBuilder();
                for (int i = 0; i + 4 <= b.remaining(); i += 4) s.appendCodePoint(b.getInt(i));
                return s.toString().toCharArray();
            }
            default:
                throw fail(e.offset, where + ": char data of element type " + e.type);
        }
    }

    private static int width(int type) {
        switch (type) {
            case MI_INT8: case MI_UINT8: return 1;
            case MI_INT16: case MI_UINT16: return 2;
            case MI_INT32: case MI_UINT32: case MI_SINGLE: return 4;
            case MI_DOUBLE: case MI_INT64: case MI_UINT64: return 8;
            default: return 0;
        }
    }

    private DataFormatException fail(long offset, String reason) {
        return new DataFormatException(file, 0, 0, "MAT-file byte " + offset + ": " + reason);
    }
}
