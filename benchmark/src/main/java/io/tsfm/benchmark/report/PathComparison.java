package io.tsfm.benchmark.report;

import java.util.List;
import java.util.Map;

/**
 * Whether the stream path and the direct path gave identical predictions on identical windows, pass by pass, with
 * the stream's replay figures: the report's agreement section.
 *
 * @param system   the row whose stream passes were checked
 * @param settings how the stream ran (mode, Kafka, replay speed), in display order
 * @param passes   every stream pass, in run order
 */
public record PathComparison(String system, Map<String, String> settings, List<Pass> passes) {
    public PathComparison {
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
        passes = List.copyOf(passes);
    }

    /**
     * One stream pass beside the direct path on the same windows.
     *
     * @param dataset          dataset name
     * @param labelSet         the label set of the pass (vocabulary = open-set, the dataset's name = closed-set)
     * @param windows          windows sent
     * @param answered         windows the stream answered
     * @param seconds          wall seconds from the first frame to the last answer
     * @param timedOut         whether the pass gave up waiting with windows unanswered
     * @param identical        windows both paths answered identically
     * @param differences      {@code window: direct X, stream Y} for every window answered differently
     * @param onlyDirect       windows only the direct path answered (the stream's missing ones)
     * @param onlyStream       windows only the stream answered
     */
    public record Pass(String dataset, String labelSet, int windows, int answered, double seconds, boolean timedOut,
                       int identical, List<String> differences, List<String> onlyDirect, List<String> onlyStream) {
        public Pass {
            differences = List.copyOf(differences);
            onlyDirect = List.copyOf(onlyDirect);
            onlyStream = List.copyOf(onlyStream);
        }

        /** Windows answered per wall second of the pass. */
        public double windowsPerSecond() {
            return seconds > 0 ? answered / seconds : 0;
        }

        /** Both paths answered the same windows with the same labels. */
        public boolean agrees() {
            return differences.isEmpty() && onlyDirect.isEmpty() && onlyStream.isEmpty();
        }
    }

    /** Every pass agrees. */
    public boolean agrees() {
        return passes.stream().allMatch(Pass::agrees);
    }

    /** Windows sent over all passes. */
    public int windows() {
        return passes.stream().mapToInt(Pass::windows).sum();
    }

    /** Windows answered identically over all passes. */
    public int identical() {
        return passes.stream().mapToInt(Pass::identical).sum();
    }

    /** Replay throughput over all passes: windows answered per wall second of streaming. */
    public double windowsPerSecond() {
        double s = passes.stream().mapToDouble(Pass::seconds).sum();
        return s > 0 ? passes.stream().mapToInt(Pass::answered).sum() / s : 0;
    }

    /** Wall seconds of all passes. */
    public double seconds() {
        return passes.stream().mapToDouble(Pass::seconds).sum();
    }

    /** One line: identical everywhere, or how many differ. */
    public String verdict() {
        if (agrees()) {
            return "identical: both paths gave the same prediction on every one of the " + windows()
                    + " windows of " + passes.size() + " passes";
        }
        int diff = passes.stream().mapToInt(p -> p.differences().size()).sum();
        int onlyD = passes.stream().mapToInt(p -> p.onlyDirect().size()).sum();
        int onlyS = passes.stream().mapToInt(p -> p.onlyStream().size()).sum();
        return "NOT identical: " + identical() + " of " + windows() + " windows agree; " + diff
                + " answered differently, " + onlyD + " answered by the direct path only (missing from the stream), "
                + onlyS + " by the stream only";
    }
}
