package io.tsfm.edge.spool;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Sequential, buffered frame reader over one segment file. Only bytes below the {@code limit} given to each call
 * are looked at, so a reader can follow a segment that is still being appended to (appended bytes never change).
 * Not thread-safe; callers hold the spool lock.
 */
final class SegmentReader {
    private static final int MIN_BUFFER = 64 * 1024;

    private final Segment segment;
    private ByteBuffer buf = ByteBuffer.allocate(MIN_BUFFER).limit(0);
    /** File position of {@code buf[0]}. */
    private long bufStart;
    private long position;
    private final String[] problem = new String[1];

    SegmentReader(Segment segment, long position) {
        this.segment = segment;
        this.position = position;
    }

    /** File position of the next frame. */
    long position() {
        return position;
    }

    /** Reads and verifies the frame at {@link #position()}; advances only past an intact frame. */
    ReadOutcome read(long limit, boolean materialize) throws IOException {
        long remaining = limit - position;
        if (remaining == 0) return ReadOutcome.problem(ReadOutcome.Status.END, position, "end");
        if (remaining < RecordFormat.FRAME_HEADER) {
            return ReadOutcome.problem(ReadOutcome.Status.SHORT_HEADER, position,
                    "partial frame header: " + remaining + " of " + RecordFormat.FRAME_HEADER + " bytes");
        }
        int at = ensure(RecordFormat.FRAME_HEADER, limit);
        int length = buf.getInt(at);
        int crc = buf.getInt(at + 4);
        if (length < RecordFormat.BODY_FIXED || length > RecordFormat.MAX_BODY) {
            return ReadOutcome.problem(ReadOutcome.Status.BAD_LENGTH, position, "impossible body length " + length);
        }
        if (length > remaining - RecordFormat.FRAME_HEADER) {
            return ReadOutcome.problem(ReadOutcome.Status.SHORT_BODY, position, "frame declares " + length + " body bytes, only "
                    + (remaining - RecordFormat.FRAME_HEADER) + " follow");
        }
        at = ensure(RecordFormat.FRAME_HEADER + length, limit);
        int actual = RecordFormat.crc(buf, at + RecordFormat.FRAME_HEADER, length);
        if (actual != crc) {
            return ReadOutcome.problem(ReadOutcome.Status.BAD_CRC, position, String.format(
                    "CRC-32C mismatch: stored %08x, computed %08x over %d body bytes", crc, actual, length));
        }
        SpoolRecord record = RecordFormat.parseBody(buf, at + RecordFormat.FRAME_HEADER, length, materialize, problem);
        if (record == null) return ReadOutcome.problem(ReadOutcome.Status.BAD_BODY, position, problem[0]);
        ReadOutcome frame = new ReadOutcome(ReadOutcome.Status.OK, position, RecordFormat.FRAME_HEADER + length, record, null);
        position += frame.size();
        return frame;
    }

    /** Skips {@code count} frames, trusting their lengths (they were verified when the spool was opened). */
    void skip(long count, long limit) throws IOException {
        for (long i = 0; i < count; i++) {
            if (limit - position < RecordFormat.FRAME_HEADER) throw changed("frame header runs past byte " + limit);
            int length = buf.getInt(ensure(4, limit));
            long next = position + RecordFormat.FRAME_HEADER + length;
            if (length < RecordFormat.BODY_FIXED || next > limit) throw changed("impossible body length " + length);
            position = next;
        }
    }

    IOException changed(String detail) {
        return new IOException("spool segment " + segment.path() + " changed on disk since it was opened, at byte "
                + position + ": " + detail);
    }

    /** Makes bytes {@code [position, position + n)} available in {@code buf}; returns the index of {@code position}. */
    private int ensure(int n, long limit) throws IOException {
        if (position >= bufStart && position + n <= bufStart + buf.limit()) {
            return (int) (position - bufStart);
        }
        if (n > buf.capacity()) {
            buf = ByteBuffer.allocate(Math.max(n, Math.min(2 * buf.capacity(), RecordFormat.MAX_BODY)));
        }
        buf.clear();
        bufStart = position;
        int want = (int) Math.min(buf.capacity(), limit - position);
        buf.limit(want);
        var channel = segment.channel();
        while (buf.hasRemaining()) {
            int read = channel.read(buf, bufStart + buf.position());
            if (read < 0) break;
        }
        buf.flip();
        if (buf.limit() < n) {
            throw new IOException("spool segment " + segment.path() + " is shorter than expected: needed bytes up to "
                    + (position + n) + ", file ends at " + (bufStart + buf.limit()));
        }
        return 0;
    }
}
