package io.tsfm.edge.spool;

import java.nio.file.Path;

/**
 * Child process of {@link SpoolCrashTest}: opens the spool, continues appending {@link TestRecords} from wherever
 * the spool's offsets stand, fsyncing every record, until it is killed. It reports progress on stdout only after
 * the spool call returned, so the parent's view is a lower bound of what reached the file.
 *
 * <p>Arguments: spool directory, seed, fsync interval in ms (0: fsync every record). A killed process loses
 * nothing from the page cache, so both policies must survive a kill with every confirmed append; the interval one
 * spends more of its time inside {@code write}, where a kill tears a record.
 */
public final class SpoolCrashWriter {
    static final int SEGMENT_BYTES = 8 << 20;

    private SpoolCrashWriter() {
    }

    /** Mostly small records, every fourth large: a large write is the one a kill can interrupt half-way. */
    static int maxPayload(long i) {
        return i % 4 == 3 ? 3_000_000 : 2_000;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        long fsyncMs = Long.parseLong(args[2]);
        FsyncPolicy fsync = fsyncMs == 0 ? FsyncPolicy.everyRecord() : FsyncPolicy.interval(java.time.Duration.ofMillis(fsyncMs));
        try (Spool spool = Spool.builder().setDirectory(dir).optSegmentBytes(SEGMENT_BYTES).optMaxBytes(1L << 30)
                .optFsync(fsync).build()) {
            long i = spool.stats().nextOffset();
            System.out.println("START " + i);
            while (true) {
                long offset = spool.append(TestRecords.topic(i), TestRecords.key(i), TestRecords.payload(seed, i, maxPayload(i)));
                if (offset != i) throw new IllegalStateException("append returned offset " + offset + ", expected " + i);
                System.out.println("APPENDED " + i);
                if (i % 64 == 63) {
                    spool.acknowledge(i - 32);
                    System.out.println("ACKED " + (i - 32));
                }
                i++;
            }
        }
    }
}
