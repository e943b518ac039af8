package io.tsfm.edge.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Verifies every frame of a segment when the spool opens and cuts the file at its first bad frame. Whether the
 * damage is a torn tail or corruption decides only how loudly it is reported and whether the cut bytes are kept:
 * in both cases nothing after the first bad frame is ever replayed, because a reader that skipped ahead would be
 * guessing where the next record starts.
 */
final class SegmentRecovery {
    private static final int SCAN_CHUNK = 1 << 20;
    /** How far past the last good offset a frame found after damage may claim to be and still count as ours. */
    private static final long OFFSET_WINDOW = 1L << 31;

    private SegmentRecovery() {
    }

    /**
     * Scans {@code segment}, setting its end offset and size, and truncates it after its last intact record.
     *
     * @param newest whether this is the newest segment (the only one an interrupted append can tear)
     * @return what was cut, or null when the whole file was intact
     */
    static RecoveryEvent recover(Segment segment, boolean newest, Path dir) throws IOException {
        long fileSize = segment.channel().size();
        SegmentReader reader = new SegmentReader(segment, 0);
        long expected = segment.baseOffset();
        ReadOutcome bad = null;
        while (true) {
            ReadOutcome frame = reader.read(fileSize, false);
            if (frame.status() == ReadOutcome.Status.END) break;
            if (!frame.ok()) {
                bad = frame;
                break;
            }
            if (frame.record().offset() != expected) {
                bad = ReadOutcome.problem(ReadOutcome.Status.BAD_OFFSET, frame.position(), "intact frame holds offset "
                        + frame.record().offset() + " where " + expected + " belongs");
                break;
            }
            expected++;
        }
        segment.endOffset = expected;
        segment.size = reader.position();
        if (bad == null) return null;

        long lastIntact = expected > segment.baseOffset() ? expected - 1 : -1;
        long cut = fileSize - segment.size;
        String detail = bad.detail();
        RecoveryEvent.Kind kind;
        if (!newest) {
            kind = RecoveryEvent.Kind.CORRUPTION;
            detail += "; not the newest segment, so not an interrupted append";
        } else if (bad.status() == ReadOutcome.Status.BAD_OFFSET) {
            kind = RecoveryEvent.Kind.CORRUPTION;
        } else {
            long follower = findIntactFrame(segment, segment.size + 1, fileSize, expected - 1);
            kind = follower < 0 ? RecoveryEvent.Kind.TORN_TAIL : RecoveryEvent.Kind.CORRUPTION;
            if (follower >= 0) detail += "; an intact frame follows at byte " + follower;
        }
        Path quarantine = kind == RecoveryEvent.Kind.CORRUPTION ? quarantine(segment, dir, cut) : null;
        FileChannel channel = segment.openForAppend();
        channel.truncate(segment.size);
        channel.force(true);
        segment.closeChannel();
        return new RecoveryEvent(kind, segment.path(), segment.size, cut, lastIntact, detail, quarantine);
    }

    /** Copies the bytes about to be cut into {@code corrupt/}. */
    private static Path quarantine(Segment segment, Path dir, long length) throws IOException {
        Path corruptDir = Files.createDirectories(dir.resolve(SpoolFiles.CORRUPT_DIR));
        String base = segment.path().getFileName() + ".at-" + segment.size;
        Path target = corruptDir.resolve(base + ".bin");
        for (int i = 1; Files.exists(target); i++) target = corruptDir.resolve(base + "." + i + ".bin");
        FileChannel source = segment.channel();
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long done = 0;
            while (done < length) {
                long n = source.transferTo(segment.size + done, length - done, out);
                if (n <= 0) throw new IOException("could not copy " + segment.path() + " to " + target);
                done += n;
            }
            out.force(true);
        }
        SpoolFiles.syncDirectory(corruptDir);
        return target;
    }

    /**
     * The position of the first intact frame in {@code [from, end)} whose offset lies after {@code lastOffset},
     * or -1. Cheap header checks filter candidate positions before the checksum is computed.
     */
    static long findIntactFrame(Segment segment, long from, long end, long lastOffset) throws IOException {
        int headerBytes = RecordFormat.FRAME_HEADER + 1 + 8;
        FileChannel channel = segment.channel();
        ByteBuffer chunk = ByteBuffer.allocate(SCAN_CHUNK);
        for (long chunkStart = from; chunkStart + headerBytes <= end; chunkStart += SCAN_CHUNK - headerBytes) {
            chunk.clear();
            chunk.limit((int) Math.min(SCAN_CHUNK, end - chunkStart));
            while (chunk.hasRemaining()) {
                if (channel.read(chunk, chunkStart + chunk.position()) < 0) break;
            }
            chunk.flip();
            for (int q = 0; q + headerBytes <= chunk.limit(); q++) {
                long at = chunkStart + q;
                int length = chunk.getInt(q);
                if (length < RecordFormat.BODY_FIXED || length > end - at - RecordFormat.FRAME_HEADER) continue;
                if (chunk.get(q + RecordFormat.FRAME_HEADER) != RecordFormat.VERSION) continue;
                long offset = chunk.getLong(q + RecordFormat.FRAME_HEADER + 1);
                if (offset <= lastOffset || offset > lastOffset + OFFSET_WINDOW) continue;
                if (new SegmentReader(segment, at).read(end, false).ok()) return at;
            }
            if (chunkStart + chunk.limit() >= end) break;
        }
        return -1;
    }
}
