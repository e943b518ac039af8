package io.tsfm.edge.retry;

import io.tsfm.core.annotation.Internal;
import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Delays between reconnect attempts: {@code initial * multiplier^attempt}, capped at {@code max}, each shortened by
 * a random fraction of up to {@code jitter}. Jitter only ever shortens a delay, so the cap holds exactly; it
 * spreads a fleet of devices that lost the broker at the same moment so they do not all reconnect (and replay
 * their spools) in the same instant. {@link #reset()} after a successful attempt.
 *
 * <p>Not thread-safe: one instance per retry loop.
 */
@Internal
public final class ExponentialBackoff {
    private final long initialNanos;
    private final long maxNanos;
    private final double multiplier;
    private final double jitter;
    private final RandomGenerator random;
    private int attempts;
    /** Un-jittered delay of the next attempt. */
    private double baseNanos;

    private ExponentialBackoff(Builder b) {
        this.initialNanos = b.initial.toNanos();
        this.maxNanos = b.max.toNanos();
        this.multiplier = b.multiplier;
        this.jitter = b.jitter;
        this.random = b.random;
        this.baseNanos = initialNanos;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The delay to wait before the next attempt; counts the attempt. */
    public Duration nextDelay() {
        double base = Math.min(baseNanos, maxNanos);
        long delay = Math.round(base * (1.0 - jitter * random.nextDouble()));
        attempts++;
        // stop growing once capped, so that no number of failures overflows
        baseNanos = Math.min(base * multiplier, maxNanos);
        return Duration.ofNanos(delay);
    }

    /** Back to the initial delay, after an attempt succeeded. */
    public void reset() {
        attempts = 0;
        baseNanos = initialNanos;
    }

    /** Delays handed out since construction or the last {@link #reset()}. */
    public int attempts() {
        return attempts;
    }

    /** Builds an {@link ExponentialBackoff}; every setting has a default. */
    public static final class Builder {
        private Duration initial = Duration.ofMillis(100);
        private Duration max = Duration.ofSeconds(30);
        private double multiplier = 2.0;
        private double jitter = 0.5;
        private RandomGenerator random = new SplittableRandom();

        private Builder() {
        }

        /** First delay; default 100 ms. */
        public Builder optInitial(Duration initial) {
            this.initial = Objects.requireNonNull(initial, "initial");
            return this;
        }

        /** Cap on any delay; default 30 s. */
        public Builder optMax(Duration max) {
            this.max = Objects.requireNonNull(max, "max");
            return this;
        }

        /** Growth factor per failed attempt, at least 1; default 2. */
        public Builder optMultiplier(double multiplier) {
            this.multiplier = multiplier;
            return this;
        }

        /**
         * Largest fraction a delay is shortened by, in [0, 1]; default 0.5 (delays uniform in [d/2, d]). 0 gives
         * exact exponential delays, 1 "full jitter" (uniform in [0, d]).
         */
        public Builder optJitter(double jitter) {
            this.jitter = jitter;
            return this;
        }

        /** Source of the jitter; default a fresh {@link SplittableRandom}. */
        public Builder optRandom(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public ExponentialBackoff build() {
            if (initial.isNegative() || initial.isZero()) throw new IllegalArgumentException("optInitial must be positive, got " + initial);
            if (max.compareTo(initial) < 0) throw new IllegalArgumentException("optMax (" + max + ") is below optInitial (" + initial + ")");
            if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
                throw new IllegalArgumentException("optMultiplier must be a finite number >= 1, got " + multiplier);
            }
            if (!(jitter >= 0.0 && jitter <= 1.0)) throw new IllegalArgumentException("optJitter must be in [0, 1], got " + jitter);
            return new ExponentialBackoff(this);
        }
    }
}
