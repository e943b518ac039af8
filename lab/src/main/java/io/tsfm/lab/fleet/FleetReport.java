package io.tsfm.lab.fleet;

import java.util.List;
import java.util.Locale;

/**
 * What a {@link FleetSimulator} run sent.
 *
 * @param devices          per-device truth (clock, counts)
 * @param framesGenerated  frames the devices recorded (sequence numbers used)
 * @param framesSent       frames handed to the sink, duplicates included
 * @param framesDropped    frames lost on purpose
 * @param framesDuplicated frames sent twice on purpose
 * @param disconnects      disconnections
 * @param framesInBursts   frames sent in bursts after reconnections
 * @param sendFailures     frames the sink could not deliver
 * @param eventSeconds     seconds of event time per device
 * @param wallSeconds      wall-clock duration of the run
 * @param stoppedBy        {@code "data"} (sessions ran out), {@code "seconds"}, {@code "frames"} or {@code "stop"}
 */
public record FleetReport(List<DeviceTruth> devices, long framesGenerated, long framesSent, long framesDropped,
                          long framesDuplicated, long disconnects, long framesInBursts, long sendFailures,
                          double eventSeconds, double wallSeconds, String stoppedBy) {

    public FleetReport {
        devices = List.copyOf(devices);
    }

    /** Frames sent per wall-clock second. */
    public double framesPerSecond() {
        return wallSeconds > 0 ? framesSent / wallSeconds : 0;
    }

    /** A few lines for a terminal. */
    public String summary() {
        return String.format(Locale.ROOT, "%d devices, %.1f s of event time each, in %.1f s wall (%.0f frames/s); stopped by %s%n"
                        + "frames: %d recorded, %d sent; %d dropped (%.2f%%), %d duplicated (%.2f%%); %d disconnects, "
                        + "%d frames sent in bursts; %d send failures",
                devices.size(), eventSeconds, wallSeconds, framesPerSecond(), stoppedBy, framesGenerated, framesSent,
                framesDropped, pct(framesDropped), framesDuplicated, pct(framesDuplicated), disconnects, framesInBursts,
                sendFailures);
    }

    private double pct(long n) {
        return framesGenerated == 0 ? 0 : 100.0 * n / framesGenerated;
    }
}
