package io.tsfm.datasets.readers;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Writes small level-5 MAT-files the way MATLAB does (header, array elements, optional miCOMPRESSED,
 * names of up to 4 bytes in the small-element format, doubles optionally stored in a smaller integer type),
 * so the reader is tested on the published format without MATLAB.
 */
final class MatWriter {
    static final int MI_INT8 = 1;
    static final int MI_UINT8 = 2;
    static final int MI_UINT16 = 4;
    static final int MI_INT32 = 5;
    static final int MI_UINT32 = 6;
    static final int MI_DOUBLE = 9;
    static final int MI_MATRIX = 14;
    static final int MI_COMPRESSED = 15;

    private final ByteOrder order;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    MatWriter(ByteOrder order) {
        this.order = order;
        byte[] header = new byte[128];
        Arrays.fill(header, 0, 116, (byte) ' ');
        byte[] text = "MATLAB 5.0 MAT-file, Platform: GLNXA64, Created on: Mon Jan  1 00:00:00 2024"
                .getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, header, 0, text.length);
        ByteBuffer v = ByteBuffer.wrap(header, 124, 2).order(order);
        v.putShort((short) 0x0100);
        boolean little = order == ByteOrder.LITTLE_ENDIAN;
        header[126] = (byte) (little ? 'I' : 'M');
        header[127] = (byte) (little ? 'M' : 'I');
        out.writeBytes(header);
    }

    /** A double matrix ({@code rows x cols}, column-major values), its data stored as {@code storeAs}. */
    MatWriter doubles(String name, int rows, int cols, double[] colMajor, int storeAs, boolean compress) {
        ByteBuffer d = ByteBuffer.allocate(colMajor.length * (storeAs == MI_UINT8 ? 1 : 8)).order(order);
        for (double x : colMajor) {
            if (storeAs == MI_UINT8) d.put((byte) x);
            else d.putDouble(x);
        }
        return variable(matrix(6, name, new int[] {rows, cols}, element(storeAs, d.array())), compress);
    }

    /** A cell array of char row vectors (column-major), chars stored as miUINT16 as MATLAB does. */
    MatWriter strings(String name, int rows, int cols, String[] colMajor, boolean compress) {
        ByteArrayOutputStream cells = new ByteArrayOutputStream();
        for (String s : colMajor) {
            ByteBuffer c = ByteBuffer.allocate(s.length() * 2).order(order);
            for (char ch : s.toCharArray()) c.putShort((short) ch);
            cells.writeBytes(matrix(4, "", new int[] {1, s.length()}, element(MI_UINT16, c.array())));
        }
        return variable(matrix(1, name, new int[] {rows, cols}, cells.toByteArray()), compress);
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private MatWriter variable(byte[] matrix, boolean compress) {
        if (!compress) {
            out.writeBytes(matrix);
            return this;
        }
        Deflater def = new Deflater();
        def.setInput(matrix);
        def.finish();
        byte[] buf = new byte[matrix.length + 64];
        int n = def.deflate(buf);
        def.end();
        out.writeBytes(tag(MI_COMPRESSED, n)); // compressed data is not padded
        out.write(buf, 0, n);
        return this;
    }

    private byte[] matrix(int cls, String name, int[] dims, byte[] data) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        ByteBuffer flags = ByteBuffer.allocate(8).order(order);
        flags.putInt(cls);
        m.writeBytes(element(MI_UINT32, flags.array()));
        ByteBuffer dm = ByteBuffer.allocate(dims.length * 4).order(order);
        for (int x : dims) dm.putInt(x);
        m.writeBytes(element(MI_INT32, dm.array()));
        m.writeBytes(element(MI_INT8, name.getBytes(StandardCharsets.US_ASCII)));
        m.writeBytes(data);
        byte[] body = m.toByteArray();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        e.writeBytes(tag(MI_MATRIX, body.length));
        e.writeBytes(body);
        return e.toByteArray();
    }

    /** An element, in the small format when its data fits in 4 bytes (as MATLAB writes short names). */
    private byte[] element(int type, byte[] data) {
        if (data.length > 0 && data.length <= 4) {
            ByteBuffer b = ByteBuffer.allocate(8).order(order);
            b.putInt((data.length << 16) | type);
            b.put(data);
            return b.array();
        }
        int pad = (8 - data.length % 8) % 8;
        ByteBuffer b = ByteBuffer.allocate(8 + data.length + pad).order(order);
        b.put(tag(type, data.length));
        b.put(data);
        return b.array();
    }

    private byte[] tag(int type, int size) {
        return ByteBuffer.allocate(8).order(order).putInt(type).putInt(size).array();
    }
}
