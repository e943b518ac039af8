package io.tsfm.edge.spool;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/** The record frame layout described in {@code package-info}: encoding, checksums and header parsing. */
final class RecordFormat {
    /** bodyLength + crc32c. */
    static final int FRAME_HEADER = 8;
    static final byte VERSION = 1;
    /** version + offset + timestamp + topicLength + keyLength. */
    static final int BODY_FIXED = 1 + 8 + 8 + 2 + 4;
    /** Sanity bound on a body length read from disk (segments are at most 1 GiB). */
    static final int MAX_BODY = 1 << 30;
    static final int MAX_TOPIC_BYTES = 0xFFFF;

    private RecordFormat() {
    }

    static long frameSize(int topicBytes, int keyBytes, int payloadBytes) {
        return (long) FRAME_HEADER + BODY_FIXED + topicBytes + keyBytes + payloadBytes;
    }

    /** The whole frame, ready to write; {@code frameSize} must already have been checked to fit an int. */
    static ByteBuffer encode(long offset, long timestampMillis, byte[] topic, byte[] key, byte[] payload) {
        int keyBytes = key == null ? 0 : key.length;
        int body = BODY_FIXED + topic.length + keyBytes + payload.length;
        ByteBuffer buf = ByteBuffer.allocate(FRAME_HEADER + body);
        buf.putInt(body).putInt(0);
        buf.put(VERSION).putLong(offset).putLong(timestampMillis);
        buf.putShort((short) topic.length).put(topic);
        buf.putInt(key == null ? -1 : key.length);
        if (key != null) buf.put(key);
        buf.put(payload);
        buf.putInt(4, crc(buf, FRAME_HEADER, body));
        buf.flip();
        return buf;
    }

    static int crc(ByteBuffer buf, int index, int length) {
        CRC32C crc = new CRC32C();
        ByteBuffer slice = buf.duplicate();
        slice.limit(index + length).position(index);
        crc.update(slice);
        return (int) crc.getValue();
    }

    /**
     * Parses a body whose checksum has already matched.
     *
     * @return the record (payload copied only when {@code materialize}), or null with the problem in {@code problem[0]}
     */
    static SpoolRecord parseBody(ByteBuffer buf, int index, int length, boolean materialize, String[] problem) {
        byte version = buf.get(index);
        if (version != VERSION) {
            problem[0] = "unknown record format version " + version;
            return null;
        }
        long offset = buf.getLong(index + 1);
        long timestamp = buf.getLong(index + 9);
        int topicLength = buf.getShort(index + 17) & 0xFFFF;
        if (BODY_FIXED + topicLength > length) {
            problem[0] = "topic length " + topicLength + " overruns body of " + length + " bytes";
            return null;
        }
        int keyLength = buf.getInt(index + 19 + topicLength);
        if (keyLength < -1 || BODY_FIXED + topicLength + (long) Math.max(keyLength, 0) > length) {
            problem[0] = "key length " + keyLength + " invalid for body of " + length + " bytes";
            return null;
        }
        if (!materialize) {
            return new SpoolRecord(offset, timestamp, "", null, EMPTY);
        }
        int at = index + 19;
        String topic = new String(bytes(buf, at, topicLength), StandardCharsets.UTF_8);
        at += topicLength + 4;
        byte[] key = null;
        if (keyLength >= 0) {
            key = bytes(buf, at, keyLength);
            at += keyLength;
        }
        byte[] payload = bytes(buf, at, index + length - at);
        return new SpoolRecord(offset, timestamp, topic, key, payload);
    }

    private static final byte[] EMPTY = new byte[0];

    private static byte[] bytes(ByteBuffer buf, int index, int length) {
        byte[] out = new byte[length];
        buf.get(index, out);
        return out;
    }
}
