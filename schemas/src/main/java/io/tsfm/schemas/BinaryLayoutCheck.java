package io.tsfm.schemas;

import io.tsfm.schemas.WireFormatException.Kind;
import org.apache.avro.Schema;

/**
 * Walks Avro binary bytes along the writer schema before anything is decoded, checking every length, count, union
 * branch and enum index against the bytes that are really there. It exists so that hostile or damaged bytes fail with
 * the field path and byte offset, and so that a forged count can never make the decoder allocate a huge array.
 *
 * <p>Stateless entry point; each call uses its own cursor.
 */
final class BinaryLayoutCheck {

    /** Items of zero encoded size (null, empty records) are only accepted in modest numbers. */
    private static final long MAX_ZERO_SIZE_ITEMS = 1 << 20;

    private final byte[] bytes;
    private final int end;
    private final String type;
    private int pos;

    private BinaryLayoutCheck(byte[] bytes, int offset, String type) {
        this.bytes = bytes;
        this.pos = offset;
        this.end = bytes.length;
        this.type = type;
    }

    /**
     * Checks that {@code bytes[offset..]} is exactly one datum of {@code writer}.
     *
     * @throws WireFormatException TRUNCATED or MALFORMED, naming the field path and byte offset
     */
    static void check(byte[] bytes, int offset, Schema writer, String type) {
        BinaryLayoutCheck c = new BinaryLayoutCheck(bytes, offset, type);
        c.walk(writer, writer.getName());
        if (c.pos != c.end) {
            throw c.fail(Kind.MALFORMED, writer.getName(), (c.end - c.pos) + " trailing bytes after the record");
        }
    }

    private void walk(Schema s, String path) {
        switch (s.getType()) {
            case NULL -> { }
            case BOOLEAN -> {
                int at = pos;
                need(1, path);
                if ((bytes[at] & 0xFF) > 1) {
                    throw fail(Kind.MALFORMED, path, "boolean byte " + (bytes[at] & 0xFF) + " at byte " + at);
                }
            }
            case INT -> readVarint(5, path);
            case LONG -> readVarint(10, path);
            case FLOAT -> need(4, path);
            case DOUBLE -> need(8, path);
            case FIXED -> need(s.getFixedSize(), path);
            case STRING, BYTES -> {
                long len = readLength(path);
                need(len, path);
            }
            case ENUM -> {
                int at = pos;
                long index = readVarint(5, path);
                if (index < 0 || index >= s.getEnumSymbols().size()) {
                    throw fail(Kind.MALFORMED, path, "enum index " + index + " at byte " + at + " is not one of "
                            + s.getEnumSymbols().size() + " symbols of " + s.getName());
                }
            }
            case UNION -> {
                int at = pos;
                long branch = readVarint(5, path);
                if (branch < 0 || branch >= s.getTypes().size()) {
                    throw fail(Kind.MALFORMED, path, "union branch " + branch + " at byte " + at
                            + " but the union has " + s.getTypes().size() + " branches");
                }
                Schema b = s.getTypes().get((int) branch);
                walk(b, b.getType() == Schema.Type.RECORD ? path + "<" + b.getName() + ">" : path);
            }
            case RECORD -> {
                for (Schema.Field f : s.getFields()) {
                    walk(f.schema(), path + "." + f.name());
                }
            }
            case ARRAY -> walkBlocks(s.getElementType(), null, path);
            case MAP -> walkBlocks(s.getValueType(), Schema.create(Schema.Type.STRING), path);
            default -> throw new IllegalStateException("unsupported schema type " + s.getType());
        }
    }

    /** Arrays and maps: blocks of (count, [byte size when count < 0], items), ended by a zero count. */
    private void walkBlocks(Schema item, Schema key, String path) {
        int fixed = fixedSize(item);
        long min = minSize(item) + (key == null ? 0 : 1);
        long index = 0;
        while (true) {
            int at = pos;
            long count = readVarint(10, path);
            if (count == 0) {
                return;
            }
            if (count < 0) {
                if (count == Long.MIN_VALUE) {
                    throw fail(Kind.MALFORMED, path, "block count out of range at byte " + at);
                }
                count = -count;
                long size = readVarint(10, path);
                if (size < 0) {
                    throw fail(Kind.MALFORMED, path, "negative block size " + size + " at byte " + at);
                }
            }
            long remaining = end - pos;
            if (min > 0 && count > remaining / min) {
                throw fail(Kind.TRUNCATED, path, "block at byte " + at + " claims " + count
                        + " items (at least " + min + " bytes each) but only " + remaining + " bytes remain");
            }
            if (min == 0 && count > MAX_ZERO_SIZE_ITEMS) {
                throw fail(Kind.MALFORMED, path, "block at byte " + at + " claims " + count + " empty items");
            }
            if (key == null && fixed >= 0) {
                need(count * fixed, path + "[" + index + ".." + (index + count - 1) + "]");
                index += count;
                continue;
            }
            for (long i = 0; i < count; i++, index++) {
                String itemPath = path + "[" + index + "]";
                if (key != null) {
                    walk(key, itemPath + "<key>");
                }
                walk(item, itemPath);
            }
        }
    }

    private long readLength(String path) {
        int at = pos;
        long len = readVarint(10, path);
        if (len < 0) {
            throw fail(Kind.MALFORMED, path, "negative length " + len + " at byte " + at);
        }
        return len;
    }

    /** Zig-zag varint of at most maxBytes bytes. */
    private long readVarint(int maxBytes, String path) {
        int start = pos;
        long raw = 0;
        for (int i = 0; i < maxBytes; i++) {
            if (pos >= end) {
                throw fail(Kind.TRUNCATED, path, "bytes end inside a number that starts at byte " + start);
            }
            int b = bytes[pos++] & 0xFF;
            raw |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                long value = (raw >>> 1) ^ -(raw & 1);
                if (maxBytes == 5 && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
                    throw fail(Kind.MALFORMED, path, "int out of range at byte " + start);
                }
                return value;
            }
        }
        throw fail(Kind.MALFORMED, path, "number at byte " + start + " is longer than " + maxBytes + " bytes");
    }

    private void need(long n, String path) {
        if (n > end - pos) {
            throw fail(Kind.TRUNCATED, path, "needs " + n + " bytes at byte " + pos + " but only " + (end - pos)
                    + " remain");
        }
        pos += (int) n;
    }

    private WireFormatException fail(Kind kind, String path, String detail) {
        return new WireFormatException(kind, type, path + ": " + detail);
    }

    /** Encoded size when every value of the type has the same size, else -1. */
    private static int fixedSize(Schema s) {
        return switch (s.getType()) {
            case NULL -> 0;
            case BOOLEAN -> 1;
            case FLOAT -> 4;
            case DOUBLE -> 8;
            case FIXED -> s.getFixedSize();
            default -> -1;
        };
    }

    /** Smallest possible encoded size of a value of the type. */
    private static long minSize(Schema s) {
        return switch (s.getType()) {
            case NULL -> 0;
            case FLOAT -> 4;
            case DOUBLE -> 8;
            case FIXED -> s.getFixedSize();
            case RECORD -> {
                long sum = 0;
                for (Schema.Field f : s.getFields()) {
                    sum += minSize(f.schema());
                }
                yield sum;
            }
            default -> 1; // varints, lengths, union/enum indexes, empty array/map terminators
        };
    }
}
