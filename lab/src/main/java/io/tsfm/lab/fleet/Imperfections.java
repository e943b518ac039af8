package io.tsfm.lab.fleet;

/**
 * What goes wrong with simulated devices, per device and per frame. Immutable.
 *
 * <ul>
 *   <li>Clock offset: each device's clock is off by a value drawn uniformly from {@code ±clockOffsetSeconds}.</li>
 *   <li>Clock drift: each device's clock runs fast or slow by a rate drawn uniformly from {@code ±driftPpm}
 *       (parts per million), so its timestamps stretch or shrink over time.</li>
 *   <li>Jitter: each frame's first-sample timestamp is off by a normal error of standard deviation
 *       {@code jitterMillis}, cut at 3 standard deviations (timestamping on a busy device).</li>
 *   <li>Dropped frames: a frame is lost with probability {@code dropRate}; its sequence number is skipped. Frames that
 *       carry the layout inline are never dropped, so that the receiver can always learn a device's layout.</li>
 *   <li>Duplicated frames: a frame is sent twice with probability {@code duplicateRate} (a retry whose first
 *       attempt did arrive).</li>
 *   <li>Disconnections and bursts: a connected device loses its connection at a mean rate of
 *       {@code disconnectsPerHour}, for a time drawn uniformly from {@code [0.5, 1.5] x disconnectSeconds}; it holds
 *       its frames meanwhile and sends them all in one burst when it reconnects.</li>
 * </ul>
 *
 * @param clockOffsetSeconds largest clock offset, seconds
 * @param driftPpm           largest clock drift, ppm
 * @param jitterMillis       standard deviation of timestamp jitter, ms
 * @param dropRate           probability that a frame is lost, in [0, 1)
 * @param duplicateRate      probability that a frame is sent twice, in [0, 1)
 * @param disconnectsPerHour mean disconnections per device-hour, >= 0
 * @param disconnectSeconds  mean disconnection length, seconds
 */
public record Imperfections(double clockOffsetSeconds, double driftPpm, double jitterMillis, double dropRate,
                            double duplicateRate, double disconnectsPerHour, double disconnectSeconds) {

    public Imperfections {
        check("clock offset", clockOffsetSeconds, Double.MAX_VALUE);
        check("drift", driftPpm, 1e5);
        check("jitter", jitterMillis, 1e6);
        check("drop rate", dropRate, 0.999);
        check("duplicate rate", duplicateRate, 0.999);
        check("disconnects per hour", disconnectsPerHour, 3600 * 100);
        check("disconnect length", disconnectSeconds, 1e6);
    }

    /** Realistic defaults: ±2 s offset, ±50 ppm drift, 2 ms jitter, 1% dropped, 0.5% duplicated, a 5 s outage every 2 min on average. */
    public static Imperfections realistic() {
        return new Imperfections(2.0, 50, 2.0, 0.01, 0.005, 30, 5);
    }

    /** Perfect devices: exact clocks, every frame once, never disconnected. */
    public static Imperfections none() {
        return new Imperfections(0, 0, 0, 0, 0, 0, 0);
    }

    private static void check(String name, double value, double max) {
        if (!(value >= 0) || value > max) {
            throw new IllegalArgumentException(name + " must be in [0, " + max + "], got " + value);
        }
    }
}
