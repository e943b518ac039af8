package io.tsfm.benchmark.report;

/**
 * Wall time of one inference pass: a system's windows of one dataset through its path for one metric.
 *
 * @param system  row name
 * @param path    inference path name
 * @param metric  metric id
 * @param dataset dataset name
 * @param windows windows sent
 * @param seconds wall seconds of the pass
 */
public record PassTiming(String system, String path, String metric, String dataset, int windows, double seconds) {
    /** Windows per second of the pass. */
    public double windowsPerSecond() {
        return seconds > 0 ? windows / seconds : 0;
    }
}
