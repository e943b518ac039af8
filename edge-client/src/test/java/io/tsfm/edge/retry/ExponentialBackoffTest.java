package io.tsfm.edge.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExponentialBackoffTest {

    private static List<Long> millis(ExponentialBackoff backoff, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(backoff.nextDelay().toMillis());
        return out;
    }

    @Test
    void withoutJitterDelaysDoubleUpToTheCapAndResetStartsOver() {
        ExponentialBackoff backoff = ExponentialBackoff.builder().optInitial(Duration.ofMillis(100))
                .optMax(Duration.ofSeconds(3)).optJitter(0).build();
        assertThat(millis(backoff, 8)).containsExactly(100L, 200L, 400L, 800L, 1600L, 3000L, 3000L, 3000L);
        assertThat(backoff.attempts()).isEqualTo(8);
        backoff.reset();
        assertThat(backoff.attempts()).isZero();
        assertThat(millis(backoff, 2)).containsExactly(100L, 200L);
    }

    @Test
    void manyFailuresStayAtTheCap() {
        ExponentialBackoff backoff = ExponentialBackoff.builder().optInitial(Duration.ofNanos(1)).optMax(Duration.ofDays(1))
                .optMultiplier(10).optJitter(0).build();
        Duration last = null;
        for (int i = 0; i < 5000; i++) last = backoff.nextDelay();
        assertThat(last).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void jitterSpreadsDelaysBelowTheExponentialValue() {
        double jitter = 0.4;
        ExponentialBackoff backoff = ExponentialBackoff.builder().optInitial(Duration.ofMillis(100))
                .optMax(Duration.ofSeconds(10)).optJitter(jitter).optRandom(new SplittableRandom(5)).build();
        long base = 800_000_000L; // fourth attempt: 100 ms * 2^3
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        double sum = 0;
        int n = 2000;
        for (int k = 0; k < n; k++) {
            backoff.reset();
            for (int a = 0; a < 3; a++) {
                long d = backoff.nextDelay().toNanos();
                assertThat(d).isBetween(Math.round((100_000_000L << a) * (1 - jitter)), 100_000_000L << a);
            }
            long d = backoff.nextDelay().toNanos();
            assertThat(d).isBetween(Math.round(base * (1 - jitter)), base);
            min = Math.min(min, d);
            max = Math.max(max, d);
            sum += d;
        }
        double range = base * jitter;
        assertThat((double) min).isLessThan(base * (1 - jitter) + 0.02 * range);
        assertThat((double) max).isGreaterThan(base - 0.02 * range);
        assertThat(sum / n).isCloseTo(base * (1 - jitter / 2), org.assertj.core.data.Offset.offset(0.03 * range));
    }

    @Test
    void cappedDelaysWithJitterNeverExceedTheCap() {
        ExponentialBackoff backoff = ExponentialBackoff.builder().optInitial(Duration.ofMillis(500))
                .optMax(Duration.ofSeconds(2)).optJitter(1.0).optRandom(new SplittableRandom(9)).build();
        for (int i = 0; i < 1000; i++) assertThat(backoff.nextDelay()).isBetween(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Test
    void invalidSettingsAreRejectedByName() {
        assertThatThrownBy(() -> ExponentialBackoff.builder().optInitial(Duration.ZERO).build()).hasMessageContaining("optInitial");
        assertThatThrownBy(() -> ExponentialBackoff.builder().optInitial(Duration.ofSeconds(5)).optMax(Duration.ofSeconds(1)).build())
                .hasMessageContaining("optMax");
        assertThatThrownBy(() -> ExponentialBackoff.builder().optMultiplier(0.5).build()).hasMessageContaining("optMultiplier");
        assertThatThrownBy(() -> ExponentialBackoff.builder().optMultiplier(Double.NaN).build()).hasMessageContaining("optMultiplier");
        assertThatThrownBy(() -> ExponentialBackoff.builder().optJitter(1.5).build()).hasMessageContaining("optJitter");
    }
}
