package io.tsfm.benchmark.protocol;

/**
 * numpy's legacy {@code numpy.random.RandomState(seed)}: the MT19937 generator seeded as numpy seeds it from an
 * integer, and {@code shuffle} exactly as numpy performs it on a 1-d array, so index permutations computed here are
 * the reference's (spec §6.5 draws its split and subsample with {@code RandomState(3431)}).
 *
 * <p>numpy's shuffle walks {@code i = n-1 .. 1} and swaps element {@code i} with {@code j = random_interval(i)}:
 * the smallest all-ones bit mask covering {@code i} is applied to fresh 32-bit outputs until the value is at most
 * {@code i} (64-bit outputs, two 32-bit draws high word first, above {@code 2^32-1}). Not thread-safe.
 */
public final class NumpyRandomState {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    private int mti;

    /**
     * @param seed an integer seed in {@code [0, 2^32-1]}, as {@code RandomState(seed)} accepts
     * @throws IllegalArgumentException for a seed outside that range (numpy raises ValueError)
     */
    public NumpyRandomState(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("seed must be between 0 and 2**32 - 1, got " + seed);
        }
        // init_genrand, the seeding numpy's legacy RandomState uses for an integer seed
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        mti = N;
    }

    /** The next raw 32-bit output as an unsigned value. */
    public long nextUint32() {
        if (mti >= N) generate();
        int y = mt[mti++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    /** numpy's {@code random_interval(max)}: a uniform integer in {@code [0, max]} by masked rejection. */
    public long interval(long max) {
        if (max < 0) throw new IllegalArgumentException("max must be >= 0, got " + max);
        if (max == 0) return 0;
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        mask |= mask >>> 32;
        long value;
        if (max <= 0xffffffffL) {
            while ((value = nextUint32() & mask) > max) {
                // rejected: draw again
            }
        } else {
            while ((value = nextUint64() & mask) > max) {
                // rejected: draw again
            }
        }
        return value;
    }

    /** Shuffles {@code a} in place exactly as {@code RandomState.shuffle} shuffles a 1-d numpy array. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = (int) interval(i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private long nextUint64() {
        long hi = nextUint32();
        return (hi << 32) | nextUint32();
    }

    private void generate() {
        int kk;
        int y;
        for (kk = 0; kk < N - M; kk++) {
            y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
        }
        for (; kk < N - 1; kk++) {
            y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
        }
        y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
        mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
        mti = 0;
    }
}
