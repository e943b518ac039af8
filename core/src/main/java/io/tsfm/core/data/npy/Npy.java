package io.tsfm.core.data.npy;

import io.tsfm.core.annotation.Internal;
import io.tsfm.core.data.DataFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy's {@code .npy} format (versions 1-3): the magic string, a Python-literal header
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (3771, 1, 50, 6), }} and the raw data.
 * Only numeric dtypes are read; object arrays (pickled Python objects) and structured dtypes are refused
 * with an error naming the file. {@link #writeFloat32} writes a little-endian float32 array (version 1.0).
 * Stateless and thread-safe.
 */
@Internal
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern DESCR_STRUCTURED = Pattern.compile("'descr'\\s*:\\s*\\[");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** Reads one array from a stream positioned at the start of a {@code .npy} file. */
    public static NpyArray read(InputStream in, String file) throws IOException {
        Header h = readHeader(in, file);
        long bytes = (long) NpyArray.sizeOf(h.shape) * h.dtype.itemSize();
        if (bytes > Integer.MAX_VALUE - 16) {
            throw new DataFormatException(file, 0, 0, "array of " + bytes + " bytes is too large");
        }
        byte[] data = in.readNBytes((int) bytes);
        if (data.length < bytes) {
            throw new DataFormatException(file, 0, 0, "truncated: header promises " + bytes + " data bytes, found "
                    + data.length);
        }
        return new NpyArray(h.dtype, h.shape, h.fortranOrder, ByteBuffer.wrap(data));
    }

    /**
     * Writes {@code data} as a C-order little-endian float32 array of {@code shape} in {@code .npy} format 1.0
     * (header padded with spaces to a multiple of 64 bytes, as NumPy writes it).
     *
     * @throws IllegalArgumentException if the element count does not match the shape
     */
    public static void writeFloat32(OutputStream out, float[] data, int... shape) throws IOException {
        if (NpyArray.sizeOf(shape) != data.length) {
            throw new IllegalArgumentException("shape " + java.util.Arrays.toString(shape) + " does not hold "
                    + data.length + " values");
        }
        StringBuilder dims = new StringBuilder();
        for (int d : shape) dims.append(d).append(shape.length == 1 ? "," : ", ");
        String dimText = shape.length == 1 ? dims.toString() : dims.substring(0, Math.max(0, dims.length() - 2));
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dimText + "), }";
        int unpadded = MAGIC.length + 2 + 2 + header.length() + 1;
        header = header + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        byte[] hb = header.getBytes(StandardCharsets.ISO_8859_1);
        out.write(MAGIC);
        out.write(new byte[] {1, 0, (byte) (hb.length & 0xFF), (byte) (hb.length >>> 8)});
        out.write(hb);
        ByteBuffer buf = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(data);
        out.write(buf.array());
    }

    /** The parsed header of a {@code .npy} file. */
    private record Header(NpyDtype dtype, boolean fortranOrder, int[] shape) {}

    private static Header readHeader(InputStream in, String file) throws IOException {
        byte[] pre = in.readNBytes(8);
        if (pre.length < 8) throw new DataFormatException(file, 0, 0, "not a .npy file: shorter than its magic string");
        for (int i = 0; i < MAGIC.length; i++) {
            if (pre[i] != MAGIC[i]) throw new DataFormatException(file, 0, 0, "not a .npy file: bad magic string");
        }
        int major = pre[6] & 0xFF;
        int headerLen;
        if (major == 1) {
            byte[] l = in.readNBytes(2);
            if (l.length < 2) throw new DataFormatException(file, 0, 0, "truncated .npy header");
            headerLen = ByteBuffer.wrap(l).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF;
        } else if (major == 2 || major == 3) {
            byte[] l = in.readNBytes(4);
            if (l.length < 4) throw new DataFormatException(file, 0, 0, "truncated .npy header");
            headerLen = ByteBuffer.wrap(l).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (headerLen < 0 || headerLen > (1 << 24)) {
                throw new DataFormatException(file, 0, 0, "implausible .npy header length " + headerLen);
            }
        } else {
            throw new DataFormatException(file, 0, 0, "unsupported .npy format version " + major + "." + (pre[7] & 0xFF));
        }
        byte[] hb = in.readNBytes(headerLen);
        if (hb.length < headerLen) throw new DataFormatException(file, 0, 0, "truncated .npy header");
        String header = new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return parseHeader(header.strip(), file);
    }

    private static Header parseHeader(String header, String file) {
        if (DESCR_STRUCTURED.matcher(header).find()) {
            throw new DataFormatException(file, 0, 0, "structured dtype (record array) is not supported: " + header);
        }
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new DataFormatException(file, 0, 0, "malformed .npy header: " + header);
        }
        NpyDtype dtype;
        try {
            dtype = NpyDtype.parse(d.group(1));
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file, 0, 0, e.getMessage());
        }
        String dims = s.group(1).strip();
        int[] shape;
        if (dims.isEmpty()) {
            shape = new int[0];
        } else {
            String[] parts = dims.split("\\s*,\\s*");
            int n = parts[parts.length - 1].isEmpty() ? parts.length - 1 : parts.length;
            shape = new int[n];
            for (int i = 0; i < n; i++) {
                try {
                    shape[i] = Integer.parseInt(parts[i].strip().replaceAll("L$", ""));
                } catch (NumberFormatException e) {
                    throw new DataFormatException(file, 0, 0, "malformed shape in .npy header: (" + dims + ")");
                }
                if (shape[i] < 0) throw new DataFormatException(file, 0, 0, "negative extent in shape (" + dims + ")");
            }
        }
        try {
            NpyArray.sizeOf(shape);
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file, 0, 0, e.getMessage());
        }
        return new Header(dtype, f.group(1).equals("True"), shape);
    }
}
