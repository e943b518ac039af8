package io.tsfm.lab.demo;

import io.tsfm.lab.fleet.ActivityTimeline;
import io.tsfm.schemas.avro.Prediction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Everything the demo knows so far: per device the latest window (true activity, prediction, score, latency), the
 * running accuracy overall and per label-set version, the end-to-end latency distribution, the window rate and the
 * dead letters. Fed by the prediction consumer, read by the view. Thread-safe (every method is synchronized).
 */
final class Scoreboard {
    /** Span of the recent window rate. */
    static final long RECENT_MICROS = 10_000_000;

    /** One received prediction, judged. Latencies are -1 when unknown. */
    record Event(String device, long windowStartMicros, long windowEndMicros, String truth, String predicted,
                 float score, LabelMatch.Verdict verdict, long latencyMicros, long processingMicros,
                 String labelSetId, long labelSetVersion) {}

    /** A label set version's share of the windows. */
    record VersionStats(long version, List<String> labels, boolean openSet, long windows, long scored, long right) {
        double accuracy() {
            return scored == 0 ? Double.NaN : (double) right / scored;
        }
    }

    /** What the view shows at one moment. */
    record Snapshot(List<String> devices, Map<String, Event> latest, Map<String, Long> windowsPerDevice,
                    long windows, long scored, long right, List<VersionStats> versions, long activeVersion,
                    double p50LatencyMicros, double p99LatencyMicros, double p50ProcessingMicros,
                    double recentWindowsPerSecond, double windowsPerSecond, Map<String, Long> deadLetters,
                    long undecodable) {
        double accuracy() {
            return scored == 0 ? Double.NaN : (double) right / scored;
        }

        long deadLetterCount() {
            return deadLetters.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final List<String> devices;
    private final List<String> truthLabels;
    private final ActivityTimeline truth;
    private final SendTimes sendTimes;
    private final LabelMatch match;
    private final long hopMicros;
    private final Map<Long, List<String>> labelSets = new TreeMap<>();
    private final Map<String, Event> latest = new LinkedHashMap<>();
    private final Map<String, Long> perDevice = new LinkedHashMap<>();
    private final Map<Long, long[]> perVersion = new TreeMap<>(); // windows, scored, right
    private final Map<String, Long> deadLetters = new TreeMap<>();
    private final ArrayDeque<Long> recent = new ArrayDeque<>();
    private long[] latencies = new long[256];
    private int latencyCount;
    private long[] processing = new long[256];
    private int processingCount;
    private long windows;
    private long scored;
    private long right;
    private long firstMicros = -1;
    private long lastMicros = -1;
    private long activeVersion = -1;
    private long undecodable;

    /**
     * @param devices     device ids, in display order
     * @param truthLabels every label the replayed sessions carry
     * @param truth       what each device was doing when
     * @param sendTimes   when each frame left its device
     * @param match       the rule that judges a prediction
     * @param hopMicros   the job's window hop: each device yields one window per hop
     */
    Scoreboard(List<String> devices, List<String> truthLabels, ActivityTimeline truth, SendTimes sendTimes,
               LabelMatch match, long hopMicros) {
        this.devices = List.copyOf(devices);
        this.truthLabels = List.copyOf(truthLabels);
        this.truth = truth;
        this.sendTimes = sendTimes;
        this.match = match;
        this.hopMicros = hopMicros;
    }

    /** Registers the labels of a label-set version, before any prediction made with it can arrive. */
    synchronized void labelSet(long version, List<String> labels) {
        labelSets.put(version, List.copyOf(labels));
    }

    /** Judges and counts one prediction read at wall-clock {@code receivedMicros}. */
    synchronized Event record(Prediction p, long receivedMicros) {
        String device = p.getDeviceId();
        String predicted = p.getTopK().get(0).getLabel();
        float score = p.getTopK().get(0).getScore();
        String actual = truth.dominantActivity(device, p.getWindowStartEpochMicros(), p.getWindowEndEpochMicros())
                .orElse(null);
        List<String> labels = labelSets.get(p.getLabelSetVersion());
        LabelMatch.Verdict verdict = actual == null || labels == null ? LabelMatch.Verdict.NOT_SCORED
                : match.judge(actual, predicted, labels);
        OptionalLong sent = sendTimes.sentAt(device, p.getWindowEndEpochMicros());
        long latency = sent.isPresent() ? Math.max(0, receivedMicros - sent.getAsLong()) : -1;
        Event e = new Event(device, p.getWindowStartEpochMicros(), p.getWindowEndEpochMicros(), actual, predicted,
                score, verdict, latency, p.getProcessingLatencyMicros(), p.getLabelSetId(), p.getLabelSetVersion());
        latest.put(device, e);
        perDevice.merge(device, 1L, Long::sum);
        windows++;
        long[] v = perVersion.computeIfAbsent(p.getLabelSetVersion(), k -> new long[3]);
        v[0]++;
        if (verdict != LabelMatch.Verdict.NOT_SCORED) {
            scored++;
            v[1]++;
            if (verdict == LabelMatch.Verdict.RIGHT) {
                right++;
                v[2]++;
            }
        }
        activeVersion = Math.max(activeVersion, p.getLabelSetVersion());
        if (latency >= 0) {
            if (latencyCount == latencies.length) latencies = Arrays.copyOf(latencies, latencyCount * 2);
            latencies[latencyCount++] = latency;
        }
        if (processingCount == processing.length) processing = Arrays.copyOf(processing, processingCount * 2);
        processing[processingCount++] = p.getProcessingLatencyMicros();
        if (firstMicros < 0) firstMicros = receivedMicros;
        lastMicros = receivedMicros;
        recent.addLast(receivedMicros);
        return e;
    }

    /** Counts a dead letter of the job by its reason. */
    synchronized void deadLetter(String reason) {
        deadLetters.merge(reason, 1L, Long::sum);
    }

    /** Counts a record on the predictions or dead-letter topic that could not be decoded. */
    synchronized void undecodable() {
        undecodable++;
    }

    /** The state at wall-clock {@code nowMicros}. */
    synchronized Snapshot snapshot(long nowMicros) {
        while (!recent.isEmpty() && recent.peekFirst() < nowMicros - RECENT_MICROS) recent.pollFirst();
        // windows arrive once per hop per device, so n windows received over a span stand for span + one hop
        double recentRate = firstMicros < 0 ? Double.NaN
                : recent.size() / (Math.min(RECENT_MICROS, nowMicros - firstMicros + hopMicros) / 1e6);
        double overall = windows == 0 ? Double.NaN : windows / ((lastMicros - firstMicros + hopMicros) / 1e6);
        List<VersionStats> versions = new ArrayList<>();
        perVersion.forEach((version, v) -> {
            List<String> labels = labelSets.getOrDefault(version, List.of());
            versions.add(new VersionStats(version, labels, match.isOpenSet(truthLabels, labels), v[0], v[1], v[2]));
        });
        return new Snapshot(devices, Map.copyOf(latest), Map.copyOf(perDevice), windows, scored, right,
                List.copyOf(versions), activeVersion, percentile(latencies, latencyCount, 0.50),
                percentile(latencies, latencyCount, 0.99), percentile(processing, processingCount, 0.50), recentRate,
                overall, Map.copyOf(deadLetters), undecodable);
    }

    /** Nearest-rank percentile; NaN when there are no values. */
    static double percentile(long[] values, int n, double q) {
        if (n == 0) return Double.NaN;
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * n);
        return sorted[Math.max(0, Math.min(n - 1, rank - 1))];
    }
}
