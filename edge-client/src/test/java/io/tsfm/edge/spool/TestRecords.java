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

    /**
     * A random length in {@code [0, maxBytes]} filled with a random 251-byte block repeated, both determined by
     * {@code seed} and {@code i}: distinct per record, never aligned with frame or page boundaries, and cheap enough
     * that a writer of large records spends its time in I/O rather than in a random generator.
     */
    static byte[] payload(long seed, long i, int maxBytes) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
        byte[] out = new byte[random.nextInt(maxBytes + 1)];
        byte[] block = new byte[251];
        random.nextBytes(block);
        int filled = Math.min(block.length, out.length);
        System.arraycopy(block, 0, out, 0, filled);
        while (filled < out.length) {
            int n = Math.min(filled, out.length - filled);
            System.arraycopy(out, 0, out, filled, n);
            filled += n;
        }
        return out;
    }
}
