package io.tsfm.job.testing;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * TEST ONLY: a Flink metric reporter that keeps every metric the cluster registers (by its full identifier, which
 * holds the job name), also after the job ends, so a test can read what the job counted. Register with
 * {@code metrics.reporter.collect.factory.class = }{@link Factory}.
 */
public final class CollectingReporter implements MetricReporter {

    private static final Map<String, Metric> METRICS = new ConcurrentHashMap<>();

    /** Sum of the counters of {@code job} whose identifier ends with {@code suffix} (all subtasks). */
    public static long counter(String job, String suffix) {
        return METRICS.entrySet().stream()
                .filter(e -> e.getKey().contains("." + job + ".") && e.getKey().endsWith(suffix)
                        && e.getValue() instanceof Counter)
                .mapToLong(e -> ((Counter) e.getValue()).getCount()).sum();
    }

    /** Total number of values recorded by the histograms of {@code job} whose identifier ends with {@code suffix}. */
    public static long histogramCount(String job, String suffix) {
        return METRICS.entrySet().stream()
                .filter(e -> e.getKey().contains("." + job + ".") && e.getKey().endsWith(suffix)
                        && e.getValue() instanceof Histogram)
                .mapToLong(e -> ((Histogram) e.getValue()).getCount()).sum();
    }

    /** Identifiers of the metrics collected for {@code job}, for failure messages. */
    public static java.util.List<String> names(String job) {
        return METRICS.keySet().stream().filter(k -> k.contains(job)).sorted().toList();
    }

    /** Whether any metric of {@code job} ends with {@code suffix}. */
    public static boolean has(String job, String suffix) {
        return METRICS.keySet().stream().anyMatch(k -> k.contains("." + job + ".") && k.endsWith(suffix));
    }

    @Override
    public void open(MetricConfig config) {
    }

    @Override
    public void close() {
    }

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        METRICS.put(group.getMetricIdentifier(name), metric);
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        // keep it: the test reads the final values after the job has ended
    }

    /** Factory named in the Flink configuration. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new CollectingReporter();
        }
    }
}
