package io.tsfm.core.data.npy;

import io.tsfm.core.annotation.Internal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A numeric NumPy dtype as written in a {@code .npy} header ({@code '<f8'}, {@code '|u1'}, ...): kind
 * {@code f} (float), {@code i} (signed), {@code u} (unsigned) or {@code b} (bool), item size and byte order.
 * Object ({@code O}), string, structured and other dtypes are refused by {@link #parse}.
 *
 * @param descr    the header's descr string, e.g. {@code <f8}
 * @param kind     one of {@code f i u b}
 * @param itemSize bytes per element
 * @param order    byte order of the stored elements
 */
@Internal
public record NpyDtype(String descr, char kind, int itemSize, ByteOrder order) {

    /**
     * Parses a descr string.
     *
     * @throws IllegalArgumentException naming the dtype when it is not a supported numeric type
     */
    public static NpyDtype parse(String descr) {
        if (descr.length() >= 2 && descr.charAt(1) == 'O') {
            throw new IllegalArgumentException("dtype '" + descr + "' is an object array: its elements are pickled"
                    + " Python objects, which are not read (unpickling runs arbitrary code)");
        }
        if (descr.length() < 3) throw new IllegalArgumentException("unsupported dtype '" + descr + "'");
        char bo = descr.charAt(0);
        char kind = descr.charAt(1);
        int size;
        try {
            size = Integer.parseInt(descr.substring(2));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unsupported dtype '" + descr + "'");
        }
        ByteOrder order;
        switch (bo) {
            case '<': order = ByteOrder.LITTLE_ENDIAN; break;
            case '>': order = ByteOrder.BIG_ENDIAN; break;
            case '|': case '=': order = ByteOrder.nativeOrder(); break;
            default: throw new IllegalArgumentException("dtype '" + descr + "': unknown byte order '" + bo + "'");
        }
        boolean ok;
        switch (kind) {
            case 'f': ok = size == 4 || size == 8; break;
            case 'i': case 'u': ok = size == 1 || size == 2 || size == 4 || size == 8; break;
            case 'b': ok = size == 1; break;
            default: ok = false;
        }
        if (!ok) {
            throw new IllegalArgumentException("unsupported dtype '" + descr
                    + "' (supported: float f4/f8, signed i1..i8, unsigned u1..u8, bool b1)");
        }
        return new NpyDtype(descr, kind, size, order);
    }

    /** Reads element {@code index} (in storage order) as a double. */
    double read(ByteBuffer b, int index) {
        int p = index * itemSize;
        switch (kind) {
            case 'f': return itemSize == 8 ? b.getDouble(p) : b.getFloat(p);
            case 'b': return b.get(p) != 0 ? 1.0 : 0.0;
            case 'i':
                switch (itemSize) {
                    case 1: return b.get(p);
                    case 2: return b.getShort(p);
                    case 4: return b.getInt(p);
                    default: return b.getLong(p);
                }
            default: // 'u'
                switch (itemSize) {
                    case 1: return b.get(p) & 0xFF;
                    case 2: return b.getShort(p) & 0xFFFF;
                    case 4: return b.getInt(p) & 0xFFFFFFFFL;
                    default: {
                        long v = b.getLong(p);
                        return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
                    }
                }
        }
    }

    @Override
    public String toString() {
        return descr;
    }
}
