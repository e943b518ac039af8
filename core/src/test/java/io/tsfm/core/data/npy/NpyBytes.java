package io.tsfm.core.data.npy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes {@code .npy} / {@code .npz} bytes exactly as NumPy lays them out, for test fixtures. */
public final class NpyBytes {
    private NpyBytes() {}

    /** A version-1.0 {@code .npy} file with the given header fields and raw data bytes. */
    public static byte[] npy(String descr, boolean fortran, String shape, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': "
                + shape + ", }";
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        b.put(data);
        return b.array();
    }

    /** A C-order little-endian float64 array. */
    public static byte[] f8(String shape, double... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) b.putDouble(v);
        return npy("<f8", false, shape, b.array());
    }

    /** An object array header followed by a pickle-like payload, as NumPy writes {@code dtype=object}. */
    public static byte[] objectArray() {
        byte[] pickle = {(byte) 0x80, 2, 'c', 'n', 'u', 'm', 'p', 'y', '\n', '.'};
        return npy("|O", false, "(8, 2)", pickle);
    }

    /** A {@code .npz}: a zip with one {@code <name>.npy} per entry. */
    public static byte[] npz(Map<String, byte[]> arrays) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : arrays.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
