package io.tsfm.lab.fleet;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The ground truth of a {@link FleetSimulator} run: what each device was doing when, on the device's own clock (the
 * clock its frames are stamped with, so the time span of a window computed from those frames looks up directly,
 * clock offset and drift included). Each entry is the start of a replayed session and its label; a session lasts
 * until the next one starts. The newest {@value #MAX_SEGMENTS} starts per device are kept.
 *
 * <p>Thread-safe: the simulator appends while any thread reads.
 */
public final class ActivityTimeline {
    /** Session starts kept per device; older ones are forgotten. */
    public static final int MAX_SEGMENTS = 10_000;

    private final Map<String, NavigableMap<Long, String>> devices = new ConcurrentHashMap<>();

    /** Records that {@code deviceId} started an activity labelled {@code label} at device time {@code deviceMicros}. */
    void record(String deviceId, long deviceMicros, String label) {
        NavigableMap<Long, String> starts = devices.computeIfAbsent(deviceId, d -> new ConcurrentSkipListMap<>());
        starts.put(deviceMicros, label);
        while (starts.size() > MAX_SEGMENTS) starts.pollFirstEntry();
    }

    /** The activity of {@code deviceId} at device time {@code deviceMicros}; empty before its first session. */
    public Optional<String> activityAt(String deviceId, long deviceMicros) {
        NavigableMap<Long, String> starts = devices.get(deviceId);
        if (starts == null) return Optional.empty();
        Map.Entry<Long, String> e = starts.floorEntry(deviceMicros);
        return e == null ? Optional.empty() : Optional.of(e.getValue());
    }

    /**
     * The activity that covers most of {@code [startMicros, endMicros)} on the device's clock (a window that spans a
     * change of activity is labelled by the majority, as the evaluation labels windows); ties go to the earlier one.
     * Empty when nothing is known about the span.
     */
    public Optional<String> dominantActivity(String deviceId, long startMicros, long endMicros) {
        NavigableMap<Long, String> starts = devices.get(deviceId);
        if (starts == null || endMicros <= startMicros) return Optional.empty();
        Long from = starts.floorKey(startMicros);
        NavigableMap<Long, String> span = starts.subMap(from != null ? from : startMicros, true, endMicros, false);
        Map<String, Long> covered = new LinkedHashMap<>();
        Map.Entry<Long, String> previous = null;
        for (Map.Entry<Long, String> e : span.entrySet()) {
            if (previous != null) add(covered, previous, e.getKey(), startMicros);
            previous = e;
        }
        if (previous != null) add(covered, previous, endMicros, startMicros);
        String best = null;
        long most = 0;
        for (Map.Entry<String, Long> e : covered.entrySet()) {
            if (e.getValue() > most) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        return Optional.ofNullable(best);
    }

    private static void add(Map<String, Long> covered, Map.Entry<Long, String> segment, long end, long spanStart) {
        long length = end - Math.max(segment.getKey(), spanStart);
        if (length > 0) covered.merge(segment.getValue(), length, Long::sum);
    }
}
