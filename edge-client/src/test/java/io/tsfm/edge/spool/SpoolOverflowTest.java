package io.tsfm.edge.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolOverflowTest {
    private static final long SEED = 11;
    private static final int PAYLOAD = 500;
    private static final int SEGMENT = 4096;
    private static final long MAX = 16384;

    private static byte[] payload(long i) {
        byte[] p = TestRecords.payload(SEED, i, 10_000);
        return java.util.Arrays.copyOf(p, PAYLOAD); // fixed size, distinct content
    }

    private static Spool open(Path dir, OverflowPolicy policy, long maxBytes) throws IOException {
        return Spool.builder().setDirectory(dir).optSegmentBytes(SEGMENT).optMaxBytes(maxBytes)
                .optOverflow(policy).optFsync(FsyncPolicy.everyRecord()).build();
    }

    @Test
    void dropOldestKeepsNewestAndCountsOnlyUnacknowledgedLosses(@TempDir Path dir) throws IOException {
        try (Spool spool = open(dir, OverflowPolicy.DROP_OLDEST, MAX)) {
            spool.append("t", null, payload(0));
            long frame = spool.stats().bytes();
            for (long i = 1; i < 200; i++) {
                spool.append("t", null, payload(i));
                if (i == 9) spool.acknowledge(9);
                SpoolStats s = spool.stats();
                assertThat(s.bytes()).as("bytes after record %d", i).isLessThanOrEqualTo(MAX);
                long acked = i >= 9 ? 10 : 0;
                assertThat(s.droppedRecords() + s.records()).as("after record %d", i).isEqualTo(i + 1 - acked);
            }
            SpoolStats stats = spool.stats();
            assertThat(stats.droppedRecords()).isGreaterThan(100);
            assertThat(stats.droppedBytes()).isEqualTo(stats.droppedRecords() * frame);
            // the bound is used, not just respected: less than one segment is left free
            assertThat(stats.bytes()).isGreaterThan(MAX - SEGMENT);

            List<SpoolRecord> kept = spool.peek(1000);
            assertThat(kept).hasSize((int) stats.records());
            long first = 10 + stats.droppedRecords();
            assertThat(stats.readOffset()).isEqualTo(first);
            for (int j = 0; j < kept.size(); j++) {
                assertThat(kept.get(j).offset()).isEqualTo(first + j);
                assertThat(kept.get(j).payload()).isEqualTo(payload(first + j));
            }
            assertThat(kept.get(kept.size() - 1).offset()).isEqualTo(199);
        }
    }

    @Test
    void dropOldestAppliesWhenReopenedWithASmallerBound(@TempDir Path dir) throws IOException {
        try (Spool spool = open(dir, OverflowPolicy.DROP_OLDEST, 4 * MAX)) {
            for (long i = 0; i < 100; i++) spool.append("t", null, payload(i));
            assertThat(spool.stats().bytes()).isGreaterThan(MAX);
        }
        try (Spool spool = open(dir, OverflowPolicy.DROP_OLDEST, MAX)) {
            SpoolStats stats = spool.stats();
            assertThat(stats.bytes()).isLessThanOrEqualTo(MAX);
            assertThat(stats.droppedRecords() + stats.records()).isEqualTo(100);
            assertThat(spool.peek(1).get(0).offset()).isEqualTo(stats.droppedRecords());
        }
    }

    @Test
    void rejectNewestKeepsOldestAndCountsRefusals(@TempDir Path dir) throws IOException {
        try (Spool spool = open(dir, OverflowPolicy.REJECT_NEWEST, MAX)) {
            spool.append("t", null, payload(0));
            long frame = spool.stats().bytes();
            long accepted = 1;
            while (true) {
                try {
                    assertThat(spool.append("t", null, payload(accepted))).isEqualTo(accepted);
                    accepted++;
                } catch (SpoolFullException e) {
                    assertThat(e).hasMessageContaining("is full");
                    break;
                }
                assertThat(accepted).isLessThan(1000);
            }
            for (int k = 0; k < 5; k++) {
                assertThatThrownBy(() -> spool.append("t", null, payload(0))).isInstanceOf(SpoolFullException.class);
            }
            SpoolStats stats = spool.stats();
            assertThat(stats.bytes()).isLessThanOrEqualTo(MAX).isGreaterThan(MAX - frame);
            assertThat(stats.droppedRecords()).isEqualTo(6);
            assertThat(stats.droppedBytes()).isEqualTo(6 * frame);
            assertThat(stats.records()).isEqualTo(accepted);

            List<SpoolRecord> all = spool.peek(1000);
            assertThat(all).hasSize((int) accepted);
            for (int j = 0; j < accepted; j++) assertThat(all.get(j).payload()).isEqualTo(payload(j));

            // once replayed and acknowledged, the space is back and offsets carry on without a gap
            spool.acknowledge(accepted - 1);
            assertThat(spool.append("t", null, payload(accepted))).isEqualTo(accepted);
            assertThat(spool.stats().records()).isEqualTo(1);
        }
    }
}
