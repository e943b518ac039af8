package io.tsfm.edge.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real JVM that is appending to the spool (fsync every record, or every 20 ms in alternate rounds) at random moments, several times over the
 * same directory, and checks after every kill that the spool reopens with exactly an intact prefix of what the
 * child wrote, no less than the child had confirmed, and that the child carries on from there.
 */
class SpoolCrashTest {
    private static final long SEED = 2024;
    private static final int ROUNDS = 8;

    @Test
    void killedWriterLeavesAnIntactPrefix(@TempDir Path dir) throws Exception {
        Random random = new Random(SEED);
        long expectedStart = 0;
        int tornTails = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Process child = startChild(dir, round % 2 == 0 ? 0 : 20);
            AtomicLong started = new AtomicLong(-1);
            AtomicLong appended = new AtomicLong(-1);
            AtomicLong acked = new AtomicLong(-1);
            StringBuffer other = new StringBuffer();
            Thread reader = new Thread(() -> readProtocol(child, started, appended, acked, other));
            reader.start();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (appended.get() < expectedStart + 30 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(child.isAlive()).as("child still writing; its output: %s", other).isTrue();
            assertThat(appended.get()).as("child progress; its output: %s", other).isGreaterThanOrEqualTo(expectedStart + 30);
            Thread.sleep(50 + random.nextInt(400));
            child.destroyForcibly();
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);

            assertThat(started.get()).as("child resumed where recovery left the spool").isEqualTo(expectedStart);
            try (Spool spool = Spool.builder().setDirectory(dir).optSegmentBytes(SpoolCrashWriter.SEGMENT_BYTES)
                    .optMaxBytes(1L << 30).build()) {
                for (RecoveryEvent e : spool.recoveryEvents()) {
                    System.out.println("round " + round + ": " + e.describe());
                    assertThat(e.kind()).as("a killed process can only tear the tail").isEqualTo(RecoveryEvent.Kind.TORN_TAIL);
                    tornTails++;
                }
                SpoolStats stats = spool.stats();
                assertThat(stats.nextOffset()).as("every confirmed append survived").isGreaterThan(appended.get());
                assertThat(stats.readOffset()).as("the last confirmed acknowledgement survived").isGreaterThan(acked.get());
                assertThat(stats.readOffset()).isLessThanOrEqualTo(stats.nextOffset());

                List<SpoolRecord> records = spool.peek(Integer.MAX_VALUE);
                assertThat(records).hasSize((int) (stats.nextOffset() - stats.readOffset()));
                long expected = stats.readOffset();
                for (SpoolRecord r : records) {
                    assertThat(r.offset()).isEqualTo(expected);
                    assertThat(r.topic()).isEqualTo(TestRecords.topic(expected));
                    assertThat(r.key()).isEqualTo(TestRecords.key(expected));
                    assertThat(r.payload()).as("record %d", expected)
                            .isEqualTo(TestRecords.payload(SEED, expected, SpoolCrashWriter.maxPayload(expected)));
                    expected++;
                }
                System.out.println("round " + round + ": child confirmed " + (appended.get() + 1) + " appends, spool reopened with "
                        + stats.nextOffset() + " (" + records.size() + " unacknowledged, replay from " + stats.readOffset() + ")");
                expectedStart = stats.nextOffset();
            }
        }
        System.out.println(tornTails + " torn tails cut in " + ROUNDS + " kills");
    }

    private static Process startChild(Path dir, long fsyncMs) throws IOException {
        String classpath = String.join(File.pathSeparator, location(SpoolCrashWriter.class), location(Spool.class),
                location(org.slf4j.Logger.class));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                SpoolCrashWriter.class.getName(), dir.toString(), Long.toString(SEED), Long.toString(fsyncMs))
                .redirectErrorStream(true).start();
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate " + type, e);
        }
    }

    private static void readProtocol(Process child, AtomicLong started, AtomicLong appended, AtomicLong acked, StringBuffer other) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("APPENDED ")) {
                    appended.set(Long.parseLong(line.substring(9)));
                } else if (line.startsWith("ACKED ")) {
                    acked.set(Long.parseLong(line.substring(6)));
                } else if (line.startsWith("START ")) {
                    started.set(Long.parseLong(line.substring(6)));
                } else if (other.length() < 20_000) {
                    other.append(line).append('\n');
                }
            }
        } catch (IOException | NumberFormatException e) {
            other.append("[reader] ").append(e).append('\n'); // a line cut by the kill
        }
    }
}
