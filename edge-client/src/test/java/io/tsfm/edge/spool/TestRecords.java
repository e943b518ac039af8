package io.tsfm.edge.spool;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Deterministic record contents by index, so a reader can check what a writer (possibly another JVM) wrote. */
final class TestRecords {
    private TestRecords() {
    }

    static String topic(long i) {
        return i % 3 == 0 ? "imu.frames" : "imu.predictions.ü";
    }

    static byte[] key(long i) {
        return i % 5 == 0 ? null : ("device-" + (i % 7)).getBytes(StandardCharsets.UTF_8);
    }

    /** Random bytes of a random length in {@code [0, maxBytes]}, both determined by {@code seed} and {@code i}. */
    static byte[] payload(long seed, long i, int maxBytes) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
        byte[] out = new byte[random.nextInt(maxBytes + 1)];
        random.nextBytes(out);
        return out;
    }
}
