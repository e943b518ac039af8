package io.tsfm.edge.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damages a known spool on disk in the ways a crash or bad storage does, reopens it, and checks that exactly the
 * intact records survive and that the cut is reported where it happened.
 */
class SpoolRecoveryTest {
    private static final long SEED = 23;
    private static final int MAX_PAYLOAD = 700;
    private static final int RECORDS = 60;

    @TempDir
    static Path shared;
    private static Path pristine;
    /** Per record: segment file name, start and end byte in that file. */
    private static final String[] file = new String[RECORDS];
    private static final long[] start = new long[RECORDS];
    private static final long[] end = new long[RECORDS];

    @TempDir
    Path work;

    private static Spool open(Path dir) throws IOException {
        return Spool.builder().setDirectory(dir).optSegmentBytes(4096).optMaxBytes(1 << 20)
                .optFsync(FsyncPolicy.everyRecord()).build();
    }

    @BeforeAll
    static void writeSpool() throws IOException {
        pristine = shared.resolve("pristine");
        try (Spool spool = open(pristine)) {
            for (int i = 0; i < RECORDS; i++) {
                spool.append(TestRecords.topic(i), TestRecords.key(i), TestRecords.payload(SEED, i, MAX_PAYLOAD));
                Path last = segments(pristine).get(segments(pristine).size() - 1);
                file[i] = last.getFileName().toString();
                end[i] = Files.size(last);
                start[i] = i > 0 && file[i].equals(file[i - 1]) ? end[i - 1] : 0;
            }
        }
        assertThat(segments(pristine)).hasSizeGreaterThanOrEqualTo(5);
    }

    private static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".seg")).sorted(Comparator.naturalOrder()).toList();
        }
    }

    private Path copyOfPristine(String name) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        for (Path f : segments(pristine)) Files.copy(f, dir.resolve(f.getFileName()));
        return dir;
    }

    private static int firstRecordIn(String name) {
        for (int i = 0; i < RECORDS; i++) if (file[i].equals(name)) return i;
        throw new AssertionError(name);
    }

    private static void flip(Path f, long position, int xor) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.seek(position);
            int b = raf.read();
            raf.seek(position);
            raf.write(b ^ xor);
        }
    }

    /** Everything replayable, checked against what was written. */
    private static List<Long> replayAndVerify(Spool spool) throws IOException {
        List<Long> offsets = new ArrayList<>();
        for (SpoolRecord r : spool.peek(10_000)) {
            SpoolRoundTripTest.assertRecord(r, r.offset(), SEED, MAX_PAYLOAD);
            offsets.add(r.offset());
        }
        return offsets;
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i < to; i++) out.add(i);
        return out;
    }

    @Test
    void tornTailIsCutAtTheLastIntactRecord() throws IOException {
        Random random = new Random(42);
        String lastName = file[RECORDS - 1];
        int firstOfLast = firstRecordIn(lastName);
        long size = end[RECORDS - 1];
        for (int trial = 0; trial < 40; trial++) {
            // half the trials cut a few bytes off the end, half cut anywhere in the newest segment
            long newLength = trial % 2 == 0 ? size - 1 - random.nextInt(16) : random.nextInt((int) size);
            Path dir = copyOfPristine("cut" + trial);
            try (RandomAccessFile raf = new RandomAccessFile(dir.resolve(lastName).toFile(), "rw")) {
                raf.setLength(newLength);
            }
            int survivors = firstOfLast;
            while (survivors < RECORDS && end[survivors] <= newLength) survivors++;
            long keptBytes = survivors > firstOfLast ? end[survivors - 1] : 0;

            try (Spool spool = open(dir)) {
                String what = "trial " + trial + ", cut to " + newLength;
                if (newLength == keptBytes) {
                    assertThat(spool.recoveryEvents()).as(what).isEmpty();
                } else {
                    assertThat(spool.recoveryEvents()).as(what).hasSize(1);
                    RecoveryEvent e = spool.recoveryEvents().get(0);
                    assertThat(e.kind()).as(what).isEqualTo(RecoveryEvent.Kind.TORN_TAIL);
                    assertThat(e.file().getFileName().toString()).isEqualTo(lastName);
                    assertThat(e.byteOffset()).as(what).isEqualTo(keptBytes);
                    assertThat(e.bytesCut()).as(what).isEqualTo(newLength - keptBytes);
                    assertThat(e.lastIntactOffset()).as(what).isEqualTo(survivors > firstOfLast ? survivors - 1 : -1);
                    assertThat(e.quarantine()).isNull();
                    assertThat(spool.stats().recoveredTruncations()).isEqualTo(1);
                    assertThat(spool.stats().recoveredBytesCut()).isEqualTo(newLength - keptBytes);
                }
                assertThat(replayAndVerify(spool)).as(what).isEqualTo(range(0, survivors));
                // appends continue right after the last intact record
                assertThat(spool.append(TestRecords.topic(survivors), TestRecords.key(survivors),
                        TestRecords.payload(SEED, survivors, MAX_PAYLOAD))).isEqualTo(survivors);
            }
            try (Spool spool = open(dir)) {
                assertThat(spool.recoveryEvents()).as("the cut is durable").isEmpty();
                assertThat(replayAndVerify(spool)).isEqualTo(range(0, survivors + 1));
            }
        }
    }

    @Test
    void flippedBytesInTheLastRecordDropOnlyThatRecord() throws IOException {
        Random random = new Random(4242);
        int last = RECORDS - 1;
        for (int trial = 0; trial < 30; trial++) {
            Path dir = copyOfPristine("flip" + trial);
            int flips = 1 + random.nextInt(3);
            for (int k = 0; k < flips; k++) {
                long position = start[last] + random.nextInt((int) (end[last] - start[last]));
                flip(dir.resolve(file[last]), position, 1 + random.nextInt(255));
            }
            try (Spool spool = open(dir)) {
                assertThat(spool.recoveryEvents()).hasSize(1);
                RecoveryEvent e = spool.recoveryEvents().get(0);
                assertThat(e.kind()).as(e.describe()).isEqualTo(RecoveryEvent.Kind.TORN_TAIL);
                assertThat(e.byteOffset()).isEqualTo(start[last]);
                assertThat(e.bytesCut()).isEqualTo(end[last] - start[last]);
                assertThat(Files.size(dir.resolve(file[last]))).isEqualTo(start[last]);
                assertThat(replayAndVerify(spool)).isEqualTo(range(0, last));
            }
        }
    }

    @Test
    void corruptionInAnOlderSegmentStopsThatSegmentAndKeepsTheBytes() throws IOException {
        List<Path> segs = segments(pristine);
        String victim = segs.get(1).getFileName().toString();
        int first = firstRecordIn(victim);
        int bad = first + 2;
        assertThat(file[bad + 1]).as("a record follows in the same segment").isEqualTo(victim);
        Path dir = copyOfPristine("older");
        flip(dir.resolve(victim), start[bad] + (end[bad] - start[bad]) / 2, 0x40);
        long victimSize = Files.size(dir.resolve(victim));
        byte[] original = Files.readAllBytes(pristine.resolve(victim));

        try (Spool spool = open(dir)) {
            assertThat(spool.recoveryEvents()).hasSize(1);
            RecoveryEvent e = spool.recoveryEvents().get(0);
            assertThat(e.kind()).isEqualTo(RecoveryEvent.Kind.CORRUPTION);
            assertThat(e.file().getFileName().toString()).isEqualTo(victim);
            assertThat(e.byteOffset()).isEqualTo(start[bad]);
            assertThat(e.bytesCut()).isEqualTo(victimSize - start[bad]);
            assertThat(e.lastIntactOffset()).isEqualTo(bad - 1);
            assertThat(e.detail()).contains("CRC-32C mismatch");
            assertThat(e.describe()).contains(victim).contains("at byte " + start[bad]).contains("cut " + e.bytesCut() + " bytes");
            // the cut bytes are kept, byte for byte, for inspection
            assertThat(Files.readAllBytes(e.quarantine()))
                    .isEqualTo(Arrays.copyOfRange(corrupted(original, start[bad] + (end[bad] - start[bad]) / 2), (int) start[bad], original.length));

            int nextSegmentFirst = firstRecordIn(segs.get(2).getFileName().toString());
            List<Long> expected = range(0, bad);
            expected.addAll(range(nextSegmentFirst, RECORDS));
            assertThat(replayAndVerify(spool)).isEqualTo(expected);
            assertThat(spool.stats().records()).isEqualTo(expected.size());
        }
    }

    private static byte[] corrupted(byte[] original, long position) {
        byte[] copy = original.clone();
        copy[(int) position] ^= 0x40;
        return copy;
    }

    @Test
    void corruptionFollowedByIntactRecordsInTheNewestSegmentIsNotATornTail() throws IOException {
        String lastName = file[RECORDS - 1];
        int bad = RECORDS - 2;
        assertThat(file[bad]).as("damaged record and the one after share the newest segment").isEqualTo(lastName);
        Path dir = copyOfPristine("newest");
        flip(dir.resolve(lastName), start[bad] + 5, 0x01); // inside the stored CRC
        try (Spool spool = open(dir)) {
            RecoveryEvent e = spool.recoveryEvents().get(0);
            assertThat(e.kind()).isEqualTo(RecoveryEvent.Kind.CORRUPTION);
            assertThat(e.byteOffset()).isEqualTo(start[bad]);
            assertThat(e.detail()).contains("an intact frame follows at byte " + end[bad]);
            assertThat(Files.size(e.quarantine())).isEqualTo(end[RECORDS - 1] - start[bad]);
            // replay stops at the damage; the intact record behind it is not replayed from a guessed position
            assertThat(replayAndVerify(spool)).isEqualTo(range(0, bad));
            assertThat(spool.append("t", null, new byte[1])).isEqualTo(bad);
        }
    }

    @Test
    void damagedAcknowledgementReplaysFromTheOldestRecord() throws IOException {
        Path dir = copyOfPristine("ack");
        try (Spool spool = open(dir)) {
            spool.acknowledge(30);
        }
        flip(dir.resolve(SpoolFiles.ACK), 6, 0x10);
        Files.writeString(dir.resolve(SpoolFiles.ACK_TMP), "left over by a crash");
        try (Spool spool = open(dir)) {
            long oldest = spool.stats().readOffset();
            // segments wholly acknowledged before the damage are gone; everything else is replayed again
            assertThat(oldest).isLessThanOrEqualTo(31);
            assertThat(replayAndVerify(spool)).isEqualTo(range(oldest, RECORDS));
            assertThat(Files.exists(dir.resolve(SpoolFiles.ACK_TMP))).isFalse();
        }
    }

    @Test
    void acknowledgementNewerThanTheSurvivingRecordsIsNeverReused() throws IOException {
        Path dir = copyOfPristine("ahead");
        try (Spool spool = open(dir)) {
            spool.acknowledge(RECORDS - 1);
        }
        // power loss with interval fsync: records acknowledged (sent) but never forced to disk are gone
        String lastName = file[RECORDS - 1];
        try (RandomAccessFile raf = new RandomAccessFile(dir.resolve(lastName).toFile(), "rw")) {
            raf.setLength(start[RECORDS - 1]);
        }
        try (Spool spool = open(dir)) {
            assertThat(spool.stats().readOffset()).isEqualTo(RECORDS);
            assertThat(spool.peek(10)).isEmpty();
            // a new record must not get an offset that was already acknowledged, or it would count as delivered
            assertThat(spool.append("t", null, new byte[1])).isEqualTo(RECORDS);
            assertThat(spool.peek(10)).extracting(SpoolRecord::offset).containsExactly((long) RECORDS);
        }
        try (Spool spool = open(dir)) {
            assertThat(spool.recoveryEvents()).isEmpty();
            assertThat(spool.peek(10)).extracting(SpoolRecord::offset).containsExactly((long) RECORDS);
        }
    }
}
