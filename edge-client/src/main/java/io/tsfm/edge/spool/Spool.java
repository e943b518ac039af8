package io.tsfm.edge.spool;

import io.tsfm.core.annotation.PublicApi;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable, bounded, append-only spool of records on local disk, replayed in append order.
 *
 * <p>Records go to segment files of at most {@code segmentBytes}; each is framed with its length and a CRC-32C
 * (layout in {@code package-info}). {@link #acknowledge(long)} commits a read position, persisted atomically so
 * that replay resumes there after a restart; segments whose records are all acknowledged are deleted. The total
 * size of the segment files is bounded by {@code maxBytes}, and what happens when an append does not fit is the
 * {@link OverflowPolicy} (default {@link OverflowPolicy#DROP_OLDEST}; the reasons are given there). Delivery is
 * at least once: records sent but not yet acknowledged when the process dies are replayed again.
 *
 * <p>Opening verifies every frame of every segment. A segment whose tail was torn by a crash, or that holds a
 * corrupt frame, is cut at its last intact record; each cut is logged with file, byte offset and bytes cut, and
 * returned by {@link #recoveryEvents()}. Replay never continues past a bad frame within a segment.
 *
 * <p>Thread-safety: every method is safe to call from any thread; they serialise on one internal lock (replay reads
 * of a batch included, so keep batches to what one send needs). The intended use is one appending thread and one
 * replaying thread. One directory may be open in one {@code Spool} at a time, across processes too: the
 * directory is locked with an OS file lock.
 */
@PublicApi
public final class Spool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);

    private final Path dir;
    private final long maxBytes;
    private final int segmentBytes;
    private final FsyncPolicy fsync;
    private final OverflowPolicy overflow;
    private final Clock clock;

    /** Guards everything below; package-private so that {@link ReplayCursor} reads under it. */
    final Object lock = new Object();
    /** Ascending base offsets; the active segment, when there is one, is the last. */
    private final List<Segment> segments = new ArrayList<>();
    private Segment active;
    private long nextOffset;
    private long readOffset;
    private long totalBytes;
    private long droppedRecords;
    private long droppedBytes;
    private final List<RecoveryEvent> recoveryEvents = new ArrayList<>();
    private boolean dirty;
    private long lastSyncNanos;
    private boolean closed;
    /** Set when the files may no longer match what this object believes; every later write refuses. */
    private IOException failure;

    private final FileChannel lockChannel;
    private final FileLock fileLock;
    private final ScheduledExecutorService flusher;

    private Spool(Builder b) throws IOException {
        this.dir = b.directory;
        this.maxBytes = b.maxBytes;
        this.segmentBytes = b.segmentBytes;
        this.fsync = b.fsync;
        this.overflow = b.overflow;
        this.clock = b.clock;
        Files.createDirectories(dir);
        lockChannel = FileChannel.open(dir.resolve(SpoolFiles.LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock acquired;
        try {
            acquired = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            acquired = null;
        }
        if (acquired == null) {
            lockChannel.close();
            throw new IOException("spool directory " + dir + " is already open (locked by " + SpoolFiles.LOCK + ")");
        }
        fileLock = acquired;
        lastSyncNanos = System.nanoTime();
        try {
            recover();
        } catch (IOException | RuntimeException e) {
            closeChannels();
            throw e;
        }
        if (!fsync.isEveryRecord()) {
            flusher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "spool-fsync " + dir.getFileName());
                t.setDaemon(true);
                return t;
            });
            long ms = Math.max(1, fsync.interval().toMillis());
            flusher.scheduleWithFixedDelay(this::backgroundFlush, ms, ms, TimeUnit.MILLISECONDS);
        } else {
            flusher = null;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- opening

    private void recover() throws IOException {
        Files.deleteIfExists(dir.resolve(SpoolFiles.ACK_TMP));
        List<Long> bases = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "spool-*.seg")) {
            for (Path file : files) {
                long base = SpoolFiles.parseSegmentName(file.getFileName().toString());
                if (base < 0) {
                    LOG.warn("Spool {}: ignoring {}, not a segment file name", dir, file.getFileName());
                } else {
                    bases.add(base);
                }
            }
        }
        bases.sort(null);
        for (int i = 0; i < bases.size(); i++) {
            Segment segment = new Segment(dir.resolve(SpoolFiles.segmentName(bases.get(i))), bases.get(i));
            RecoveryEvent event = SegmentRecovery.recover(segment, i == bases.size() - 1, dir);
            segment.closeChannel();
            if (event != null) {
                recoveryEvents.add(event);
                if (event.kind() == RecoveryEvent.Kind.TORN_TAIL) {
                    LOG.warn("Spool recovery: {}", event.describe());
                } else {
                    LOG.error("Spool recovery: {}", event.describe());
                }
            }
            if (segment.records() == 0) {
                segment.delete();
                continue;
            }
            if (!segments.isEmpty()) {
                Segment previous = segments.get(segments.size() - 1);
                if (segment.baseOffset() < previous.endOffset) {
                    throw new IOException("spool segments overlap: " + previous.path() + " holds offsets up to "
                            + (previous.endOffset - 1) + ", " + segment.path() + " starts at " + segment.baseOffset());
                }
                if (segment.baseOffset() > previous.endOffset) {
                    LOG.error("Spool {}: offsets {}..{} are missing between {} and {}", dir, previous.endOffset,
                            segment.baseOffset() - 1, previous.path().getFileName(), segment.path().getFileName());
                }
            }
            segments.add(segment);
            totalBytes += segment.size;
        }

        long acked;
        try {
            acked = AckFile.read(dir);
        } catch (IOException e) {
            // replaying too much is recoverable downstream (consumers deduplicate); skipping records is not
            LOG.warn("Spool {}: committed read position unreadable ({}); replaying from the oldest record", dir, e.getMessage());
            acked = -1;
        }
        long end = segments.isEmpty() ? 0 : segments.get(segments.size() - 1).endOffset;
        // an acknowledgement may be newer than the records that survived a power loss: never reuse acked offsets
        nextOffset = Math.max(end, acked);
        long oldest = segments.isEmpty() ? nextOffset : segments.get(0).baseOffset();
        readOffset = Math.max(acked, oldest);
        deleteAcknowledgedSegments();
        if (!segments.isEmpty()) {
            Segment last = segments.get(segments.size() - 1);
            // offsets within a segment are contiguous, so only a segment ending at nextOffset can take more
            if (last.size < segmentBytes && last.endOffset == nextOffset) {
                last.openForAppend();
                active = last;
            }
        }
        if (overflow == OverflowPolicy.DROP_OLDEST) makeRoom(0);
        LOG.info("Spool {} opened: {} segments, {} bytes, replay from offset {}, next offset {}", dir, segments.size(),
                totalBytes, readOffset, nextOffset);
    }

    // ---------------------------------------------------------------- writing

    /**
     * Appends one record and returns its offset. Durability follows the {@link FsyncPolicy}.
     *
     * @param topic   destination topic, at most 65535 UTF-8 bytes
     * @param key     record key, or null; not copied, must not change until this returns
     * @param payload opaque payload; not copied, must not change until this returns
     * @throws SpoolFullException       under {@link OverflowPolicy#REJECT_NEWEST} when the record does not fit
     * @throws IllegalArgumentException when the record could never fit in one segment
     */
    public long append(String topic, byte[] key, byte[] payload) throws IOException {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        if (topicBytes.length > RecordFormat.MAX_TOPIC_BYTES) {
            throw new IllegalArgumentException("topic is " + topicBytes.length + " UTF-8 bytes, at most "
                    + RecordFormat.MAX_TOPIC_BYTES + " allowed");
        }
        long frameSize = RecordFormat.frameSize(topicBytes.length, key == null ? 0 : key.length, payload.length);
        if (frameSize > segmentBytes) {
            throw new IllegalArgumentException("record of " + frameSize + " bytes (topic " + topic + ") exceeds the segment size of "
                    + segmentBytes + " bytes");
        }
        synchronized (lock) {
            ensureWritable();
            if (overflow == OverflowPolicy.REJECT_NEWEST && totalBytes + frameSize > maxBytes) {
                reclaimAcknowledgedActive();
                if (totalBytes + frameSize > maxBytes) {
                    droppedRecords++;
                    droppedBytes += frameSize;
                    throw new SpoolFullException("spool " + dir + " is full: " + totalBytes + " of " + maxBytes
                            + " bytes used, record of " + frameSize + " bytes for topic " + topic + " refused");
                }
            }
            if (active != null && active.size + frameSize > segmentBytes) roll();
            if (overflow == OverflowPolicy.DROP_OLDEST) makeRoom(frameSize);
            if (active == null) startSegment();

            long offset = nextOffset;
            ByteBuffer frame = RecordFormat.encode(offset, clock.millis(), topicBytes, key, payload);
            FileChannel channel = active.openForAppend();
            long start = active.size;
            try {
                while (frame.hasRemaining()) channel.write(frame, start + frame.position());
            } catch (IOException e) {
                // a partial frame would be cut as a torn tail on the next open; cut it now so appends can go on
                try {
                    channel.truncate(start);
                } catch (IOException again) {
                    e.addSuppressed(again);
                    failure = e;
                }
                throw e;
            }
            active.size += frameSize;
            active.endOffset = offset + 1;
            totalBytes += frameSize;
            nextOffset = offset + 1;
            dirty = true;
            if (fsync.isEveryRecord() || System.nanoTime() - lastSyncNanos >= fsync.interval().toNanos()) sync();
            return offset;
        }
    }

    /** Forces appended records to the storage device now. */
    public void flush() throws IOException {
        synchronized (lock) {
            ensureOpen();
            sync();
        }
    }

    private void sync() throws IOException {
        if (dirty && active != null) {
            try {
                active.force();
            } catch (IOException e) {
                failure = e; // after a failed fsync the page cache state is unknown (fsyncgate): stop writing
                throw e;
            }
        }
        dirty = false;
        lastSyncNanos = System.nanoTime();
    }

    private void backgroundFlush() {
        synchronized (lock) {
            if (closed || failure != null || !dirty) return;
            try {
                sync();
            } catch (IOException e) {
                LOG.error("Spool {}: background fsync failed; further appends will fail", dir, e);
            }
        }
    }

    private void roll() throws IOException {
        sync();
        active.closeChannel();
        active = null;
    }

    private void startSegment() throws IOException {
        Segment segment = new Segment(dir.resolve(SpoolFiles.segmentName(nextOffset)), nextOffset);
        segment.create();
        SpoolFiles.syncDirectory(dir);
        segments.add(segment);
        active = segment;
    }

    /** Drops the oldest segments until {@code needed} more bytes fit. The active segment is never dropped. */
    private void makeRoom(long needed) throws IOException {
        if (totalBytes + needed > maxBytes) reclaimAcknowledgedActive();
        while (totalBytes + needed > maxBytes && !segments.isEmpty() && segments.get(0) != active) {
            Segment victim = segments.get(0);
            long lostRecords = Math.max(0, victim.endOffset - Math.max(victim.baseOffset(), readOffset));
            long lostBytes = unacknowledgedBytes(victim);
            removeSegment(victim);
            readOffset = Math.max(readOffset, victim.endOffset);
            droppedRecords += lostRecords;
            droppedBytes += lostBytes;
            LOG.warn("Spool {} full ({} of {} bytes): dropped {} with {} unacknowledged records ({} bytes); "
                            + "{} records dropped so far", dir, totalBytes + victim.size, maxBytes, victim.path().getFileName(),
                    lostRecords, lostBytes, droppedRecords);
        }
    }

    /** An active segment whose records are all acknowledged only takes space: retire it. */
    private void reclaimAcknowledgedActive() throws IOException {
        if (active != null && active.endOffset <= readOffset) {
            Segment done = active;
            active = null;
            removeSegment(done);
        }
    }

    private long unacknowledgedBytes(Segment segment) throws IOException {
        if (readOffset <= segment.baseOffset()) return segment.size;
        if (readOffset >= segment.endOffset) return 0;
        SegmentReader reader = new SegmentReader(segment, 0);
        reader.skip(readOffset - segment.baseOffset(), segment.size);
        return segment.size - reader.position();
    }

    private void removeSegment(Segment segment) throws IOException {
        segments.remove(segment);
        totalBytes -= segment.size;
        segment.delete();
    }

    // ---------------------------------------------------------------- replay

    /** A new cursor positioned at the committed read position. */
    public ReplayCursor cursor() {
        synchronized (lock) {
            ensureOpen();
            return new ReplayCursor(this, readOffset);
        }
    }

    /** Up to {@code maxRecords} records from the committed read position on, without moving anything. */
    public List<SpoolRecord> peek(int maxRecords) throws IOException {
        synchronized (lock) {
            ReplayCursor cursor = cursor();
            try {
                return cursor.next(maxRecords);
            } finally {
                cursor.release();
            }
        }
    }

    /**
     * Commits the read position past {@code upToOffset} (inclusive), persists it, and deletes segments that hold
     * only acknowledged records. Acknowledging an offset at or below an earlier acknowledgement does nothing.
     *
     * @throws IllegalArgumentException when {@code upToOffset} was never appended
     */
    public void acknowledge(long upToOffset) throws IOException {
        synchronized (lock) {
            ensureWritable();
            if (upToOffset >= nextOffset) {
                throw new IllegalArgumentException("cannot acknowledge offset " + upToOffset + ": spool " + dir
                        + " has only appended offsets below " + nextOffset);
            }
            if (upToOffset < readOffset) return;
            readOffset = upToOffset + 1;
            AckFile.write(dir, readOffset);
            deleteAcknowledgedSegments();
        }
    }

    private void deleteAcknowledgedSegments() throws IOException {
        while (!segments.isEmpty() && segments.get(0) != active && segments.get(0).endOffset <= readOffset) {
            removeSegment(segments.get(0));
        }
    }

    /** The segment holding {@code offset}, else the first one after it; null when none. Under {@link #lock}. */
    Segment segmentFrom(long offset) {
        for (Segment segment : segments) {
            if (segment.endOffset > offset) return segment;
        }
        return null;
    }

    boolean isActive(Segment segment) {
        return segment == active;
    }

    long readOffset() {
        return readOffset;
    }

    // ---------------------------------------------------------------- state

    /** A snapshot of sizes, positions and counters. */
    public SpoolStats stats() {
        synchronized (lock) {
            long pending = 0;
            for (Segment segment : segments) {
                pending += Math.max(0, segment.endOffset - Math.max(segment.baseOffset(), readOffset));
            }
            long cut = 0;
            for (RecoveryEvent event : recoveryEvents) cut += event.bytesCut();
            return new SpoolStats(pending, totalBytes, segments.size(), readOffset, nextOffset, droppedRecords,
                    droppedBytes, recoveryEvents.size(), cut);
        }
    }

    /** What opening this spool had to cut, in file order; empty when every segment was intact. */
    public List<RecoveryEvent> recoveryEvents() {
        synchronized (lock) {
            return List.copyOf(recoveryEvents);
        }
    }

    public Path directory() {
        return dir;
    }

    void ensureOpen() {
        if (closed) throw new IllegalStateException("spool " + dir + " is closed");
    }

    private void ensureWritable() throws IOException {
        ensureOpen();
        if (failure != null) throw new IOException("spool " + dir + " stopped after an earlier write failure", failure);
    }

    /** Forces outstanding appends, closes the files and releases the directory lock. Idempotent. */
    @Override
    public void close() throws IOException {
        if (flusher != null) flusher.shutdownNow();
        synchronized (lock) {
            if (closed) return;
            closed = true;
            try {
                if (failure == null) sync();
            } finally {
                closeChannels();
            }
        }
    }

    private void closeChannels() throws IOException {
        IOException first = null;
        for (Segment segment : segments) {
            try {
                segment.closeChannel();
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        try {
            if (fileLock.isValid()) fileLock.release();
        } finally {
            lockChannel.close();
        }
        if (first != null) throw first;
    }

    /** Builds a {@link Spool}; {@link #setDirectory} is required, the rest have defaults. */
    public static final class Builder {
        private Path directory;
        private long maxBytes = 256L << 20;
        private int segmentBytes = 8 << 20;
        private FsyncPolicy fsync = FsyncPolicy.interval(java.time.Duration.ofMillis(200));
        private OverflowPolicy overflow = OverflowPolicy.DROP_OLDEST;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Directory of the spool's files; created when missing. Required. */
        public Builder setDirectory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Bound on the total size of the segment files; default 256 MiB; at least twice the segment size. */
        public Builder optMaxBytes(long maxBytes) {
            this.maxBytes = maxBytes;
            return this;
        }

        /** Size at which a segment is closed and a new one started; default 8 MiB, from 256 bytes to 1 GiB. */
        public Builder optSegmentBytes(int segmentBytes) {
            this.segmentBytes = segmentBytes;
            return this;
        }

        /** Default: fsync every 200 ms. */
        public Builder optFsync(FsyncPolicy fsync) {
            this.fsync = Objects.requireNonNull(fsync, "fsync");
            return this;
        }

        /** Default: {@link OverflowPolicy#DROP_OLDEST}. */
        public Builder optOverflow(OverflowPolicy overflow) {
            this.overflow = Objects.requireNonNull(overflow, "overflow");
            return this;
        }

        /** Clock for record timestamps; default UTC system clock. */
        public Builder optClock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Opens the spool, recovering whatever a previous run left in the directory. */
        public Spool build() throws IOException {
            if (directory == null) throw new IllegalStateException("Spool.builder(): setDirectory is required");
            if (segmentBytes < 256 || segmentBytes > (1 << 30)) {
                throw new IllegalArgumentException("optSegmentBytes must be in [256, 1 GiB], got " + segmentBytes);
            }
            if (maxBytes < 2L * segmentBytes) {
                throw new IllegalArgumentException("optMaxBytes (" + maxBytes + ") must be at least twice optSegmentBytes ("
                        + segmentBytes + ")");
            }
            return new Spool(this);
        }
    }
}
