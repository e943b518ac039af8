package io.tsfm.edge.spool;

import io.tsfm.core.annotation.Internal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@link Spool}'s records in offset order from a position of its own, without acknowledging them, so
 * that several batches can be in flight before {@link Spool#acknowledge(long)}. After a failed send,
 * {@link #rewind()} goes back to the committed position. A cursor never returns records that were acknowledged
 * or dropped after it was made: it jumps forward to the oldest record still retained.
 *
 * <p>Thread-safety: reads take the spool's lock, so a cursor is safe to use from any thread, but its position
 * is not meant to be shared by two replayers.
 */
@Internal
public final class ReplayCursor {
    private final Spool spool;
    private long nextOffset;
    private Segment segment;
    private SegmentReader reader;

    ReplayCursor(Spool spool, long nextOffset) {
        this.spool = spool;
        this.nextOffset = nextOffset;
    }

    /** Offset of the next record this cursor will return (when it still exists). */
    public long position() {
        synchronized (spool.lock) {
            return nextOffset;
        }
    }

    /** Moves back to the spool's committed read position. */
    public void rewind() throws IOException {
        synchronized (spool.lock) {
            spool.ensureOpen();
            release();
            nextOffset = spool.readOffset();
        }
    }

    /** Up to {@code maxRecords} records after the previous ones, fewer (possibly none) when the spool has no more. */
    public List<SpoolRecord> next(int maxRecords) throws IOException {
        if (maxRecords < 0) throw new IllegalArgumentException("maxRecords must be >= 0, got " + maxRecords);
        synchronized (spool.lock) {
            spool.ensureOpen();
            if (nextOffset < spool.readOffset()) {
                release();
                nextOffset = spool.readOffset();
            }
            List<SpoolRecord> out = new ArrayList<>(Math.min(maxRecords, 1024));
            while (out.size() < maxRecords) {
                if (segment == null || segment.deleted) {
                    release();
                    Segment found = spool.segmentFrom(nextOffset);
                    if (found == null) break;
                    // an offset gap is left by corruption cut out of an older segment (reported when opened)
                    nextOffset = Math.max(nextOffset, found.baseOffset());
                    segment = found;
                    reader = new SegmentReader(found, 0);
                    reader.skip(nextOffset - found.baseOffset(), found.size);
                }
                if (nextOffset >= segment.endOffset) {
                    Segment following = spool.segmentFrom(nextOffset);
                    if (following == null || following == segment) break;
                    release();
                    continue;
                }
                ReadOutcome frame = reader.read(segment.size, true);
                if (!frame.ok()) throw reader.changed(frame.detail());
                if (frame.record().offset() != nextOffset) {
                    throw reader.changed("offset " + frame.record().offset() + " where " + nextOffset + " was expected");
                }
                out.add(frame.record());
                nextOffset++;
            }
            return out;
        }
    }

    /** Lets go of the current segment's file handle unless the writer is using it. */
    void release() throws IOException {
        if (segment != null && !segment.deleted && !spool.isActive(segment)) segment.closeChannel();
        segment = null;
        reader = null;
    }
}
