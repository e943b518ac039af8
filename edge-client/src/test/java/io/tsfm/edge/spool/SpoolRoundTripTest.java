package io.tsfm.edge.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolRoundTripTest {
    private static final long SEED = 7;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

    private static Spool open(Path dir) throws IOException {
        return Spool.builder().setDirectory(dir).optSegmentBytes(4096).optMaxBytes(1 << 20)
                .optFsync(FsyncPolicy.everyRecord()).optClock(CLOCK).build();
    }

    static void assertRecord(SpoolRecord record, long i, long seed, int maxPayload) {
        assertThat(record.offset()).isEqualTo(i);
        assertThat(record.topic()).isEqualTo(TestRecords.topic(i));
        assertThat(record.key()).isEqualTo(TestRecords.key(i));
        assertThat(record.payload()).as("payload of record %d", i).isEqualTo(TestRecords.payload(seed, i, maxPayload));
    }

    static long segmentFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".seg")).count();
        }
    }

    @Test
    void roundTripAcrossSegmentRolls(@TempDir Path dir) throws IOException {
        try (Spool spool = open(dir)) {
            for (long i = 0; i < 300; i++) {
                assertThat(spool.append(TestRecords.topic(i), TestRecords.key(i), TestRecords.payload(SEED, i, 1500)))
                        .isEqualTo(i);
            }
            assertThat(segmentFiles(dir)).isGreaterThan(20);
            assertThat(spool.stats().segments()).isEqualTo((int) segmentFiles(dir));
            assertThat(spool.stats().records()).isEqualTo(300);

            ReplayCursor cursor = spool.cursor();
            List<SpoolRecord> all = new ArrayList<>();
            for (List<SpoolRecord> batch; !(batch = cursor.next(7)).isEmpty(); ) {
                assertThat(batch.size()).isLessThanOrEqualTo(7);
                all.addAll(batch);
            }
            assertThat(all).hasSize(300);
            for (int i = 0; i < 300; i++) {
                assertRecord(all.get(i), i, SEED, 1500);
                assertThat(all.get(i).timestampMillis()).isEqualTo(CLOCK.millis());
            }

            // the cursor follows the writer into the segment still being appended to
            spool.append(TestRecords.topic(300), TestRecords.key(300), TestRecords.payload(SEED, 300, 1500));
            List<SpoolRecord> more = cursor.next(10);
            assertThat(more).hasSize(1);
            assertRecord(more.get(0), 300, SEED, 1500);

            // nothing acknowledged: rewind goes back to the start, peek does not move anything
            cursor.rewind();
            assertThat(cursor.position()).isZero();
            assertThat(spool.peek(3)).extracting(SpoolRecord::offset).containsExactly(0L, 1L, 2L);
            assertThat(spool.peek(3)).extracting(SpoolRecord::offset).containsExactly(0L, 1L, 2L);
        }
    }

    @Test
    void emptyPayloadAndRecordFillingAWholeSegment(@TempDir Path dir) throws IOException {
        try (Spool spool = open(dir)) {
            spool.append("t", null, new byte[0]);
            int fill = 4096 - (int) RecordFormat.frameSize(1, 0, 0);
            byte[] big = new byte[fill];
            big[fill - 1] = 42;
            assertThat(spool.append("t", null, big)).isEqualTo(1);
            assertThatThrownBy(() -> spool.append("t", null, new byte[fill + 1]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds the segment size of 4096");
            List<SpoolRecord> records = spool.peek(10);
            assertThat(records).hasSize(2);
            assertThat(records.get(0).payload()).isEmpty();
            assertThat(records.get(0).key()).isNull();
            assertThat(records.get(1).payload()).isEqualTo(big);
            assertThat(Files.size(dir.resolve(SpoolFiles.segmentName(1)))).isEqualTo(4096);
        }
    }

    @Test
    void restartResumesAtAcknowledgedPosition(@TempDir Path dir) throws IOException {
        try (Spool spool = open(dir)) {
            for (long i = 0; i < 200; i++) spool.append(TestRecords.topic(i), TestRecords.key(i), TestRecords.payload(SEED, i, 900));
            long filesBefore = segmentFiles(dir);
            spool.acknowledge(120);
            spool.acknowledge(50); // older acknowledgement: no effect
            assertThatThrownBy(() -> spool.acknowledge(200)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("offsets below 200");
            assertThat(segmentFiles(dir)).isLessThan(filesBefore);
            // every remaining segment still holds an unacknowledged record
            try (Stream<Path> files = Files.list(dir)) {
                long oldestBase = files.mapToLong(f -> SpoolFiles.parseSegmentName(f.getFileName().toString()))
                        .filter(b -> b >= 0).min().orElseThrow();
                assertThat(oldestBase).isLessThanOrEqualTo(121);
            }
            assertThat(spool.stats().records()).isEqualTo(79);
        }
        try (Spool spool = open(dir)) {
            assertThat(spool.recoveryEvents()).isEmpty();
            SpoolStats stats = spool.stats();
            assertThat(stats.readOffset()).isEqualTo(121);
            assertThat(stats.nextOffset()).isEqualTo(200);
            assertThat(stats.records()).isEqualTo(79);
            List<SpoolRecord> rest = spool.peek(1000);
            assertThat(rest).hasSize(79);
            for (int j = 0; j < rest.size(); j++) assertRecord(rest.get(j), 121 + j, SEED, 900);
            assertThat(spool.append("t", null, new byte[3])).isEqualTo(200);
            spool.acknowledge(200);
            assertThat(spool.stats().records()).isZero();
        }
        // everything acknowledged: the files go, the offsets carry on
        try (Spool spool = open(dir)) {
            assertThat(segmentFiles(dir)).isZero();
            assertThat(spool.peek(10)).isEmpty();
            assertThat(spool.append("t", null, new byte[3])).isEqualTo(201);
            assertThat(spool.peek(10)).extracting(SpoolRecord::offset).containsExactly(201L);
        }
    }

    @Test
    void cursorSkipsRecordsAcknowledgedBehindIt(@TempDir Path dir) throws IOException {
        try (Spool spool = open(dir)) {
            for (long i = 0; i < 100; i++) spool.append(TestRecords.topic(i), TestRecords.key(i), TestRecords.payload(SEED, i, 900));
            ReplayCursor cursor = spool.cursor();
            assertThat(cursor.next(5)).extracting(SpoolRecord::offset).containsExactly(0L, 1L, 2L, 3L, 4L);
            spool.acknowledge(59); // deletes the segment the cursor is reading
            List<SpoolRecord> next = cursor.next(2);
            assertThat(next).extracting(SpoolRecord::offset).containsExactly(60L, 61L);
            assertRecord(next.get(1), 61, SEED, 900);
            cursor.rewind();
            assertThat(cursor.position()).isEqualTo(60);
        }
    }

    @Test
    void oneWriterAndOneReplayerThread(@TempDir Path dir) throws Exception {
        int total = 3000;
        try (Spool spool = Spool.builder().setDirectory(dir).optSegmentBytes(8192).optMaxBytes(1 << 22)
                .optFsync(FsyncPolicy.interval(Duration.ofMillis(5))).build()) {
            AtomicReference<Throwable> writerError = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    for (long i = 0; i < total; i++) spool.append(TestRecords.topic(i), TestRecords.key(i), TestRecords.payload(SEED, i, 300));
                } catch (Throwable t) {
                    writerError.set(t);
                }
            });
            writer.start();
            ReplayCursor cursor = spool.cursor();
            long expected = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (expected < total && System.nanoTime() < deadline && writerError.get() == null) {
                List<SpoolRecord> batch = cursor.next(50);
                for (SpoolRecord record : batch) assertRecord(record, expected++, SEED, 300);
                if (!batch.isEmpty()) spool.acknowledge(batch.get(batch.size() - 1).offset());
            }
            writer.join();
            assertThat(writerError.get()).isNull();
            assertThat(expected).isEqualTo(total);
            assertThat(spool.stats().records()).isZero();
            assertThat(spool.stats().segments()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void directoryIsExclusive(@TempDir Path dir) throws IOException {
        try (Spool spool = open(dir)) {
            assertThatThrownBy(() -> open(dir)).isInstanceOf(IOException.class).hasMessageContaining("already open");
            assertThat(spool.append("t", null, new byte[1])).as("the refused second open left the first intact").isZero();
        }
        try (Spool again = open(dir)) {
            assertThat(again.stats().nextOffset()).isEqualTo(1);
        }
    }

    @Test
    void builderValidation(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> Spool.builder().build()).hasMessageContaining("setDirectory is required");
        assertThatThrownBy(() -> Spool.builder().setDirectory(dir).optSegmentBytes(4096).optMaxBytes(8000).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("optMaxBytes");
        assertThatThrownBy(() -> FsyncPolicy.interval(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        Spool spool = open(dir);
        spool.close();
        spool.close();
        assertThatThrownBy(() -> spool.append("t", null, new byte[1])).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
