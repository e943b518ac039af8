package io.tsfm.job.metrics;

import io.tsfm.core.annotation.Internal;
import java.util.Arrays;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;

/**
 * A Flink {@link Histogram} over the most recent {@code capacity} values (a ring buffer), so quantiles describe
 * current behaviour rather than the whole run. Thread-safe: tasks update it while metric reporters read it.
 */
@Internal
public final class ReservoirHistogram implements Histogram {

    private final long[] values;
    private long count;

    /** @param capacity how many recent values the statistics cover */
    public ReservoirHistogram(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        values = new long[capacity];
    }

    @Override
    public synchronized void update(long value) {
        values[(int) (count % values.length)] = value;
        count++;
    }

    @Override
    public synchronized long getCount() {
        return count;
    }

    @Override
    public synchronized HistogramStatistics getStatistics() {
        int n = (int) Math.min(count, values.length);
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        return new Snapshot(sorted);
    }

    /** Statistics of a sorted copy of the values. */
    private static final class Snapshot extends HistogramStatistics {
        private final long[] sorted;

        Snapshot(long[] sorted) {
            this.sorted = sorted;
        }

        @Override
        public double getQuantile(double quantile) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            // nearest rank: the smallest value with at least quantile * n values at or below it
            int rank = (int) Math.ceil(quantile * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }

        @Override
        public long[] getValues() {
            return sorted.clone();
        }

        @Override
        public int size() {
            return sorted.length;
        }

        @Override
        public double getMean() {
            return sorted.length == 0 ? Double.NaN : Arrays.stream(sorted).average().orElse(Double.NaN);
        }

        @Override
        public double getStdDev() {
            if (sorted.length < 2) {
                return 0;
            }
            double mean = getMean();
            double ss = 0;
            for (long v : sorted) {
                ss += (v - mean) * (v - mean);
            }
            return Math.sqrt(ss / (sorted.length - 1));
        }

        @Override
        public long getMax() {
            return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
        }

        @Override
        public long getMin() {
            return sorted.length == 0 ? 0 : sorted[0];
        }
    }
}
