package io.tsfm.edge.window;

import io.tsfm.core.annotation.Internal;
import io.tsfm.core.serving.ServedWindow;
import io.tsfm.edge.frame.DeviceLayout;

/**
 * One window of one device cut on the device: the assembled samples, or why the window could not be assembled.
 *
 * @param deviceId          device
 * @param startMicros       window start, µs (inclusive)
 * @param endMicros         window end, µs (exclusive)
 * @param layout            layout of the window's frames; null when the window was rejected before assembly
 * @param rateHz            sampling rate of the samples
 * @param samples           {@code [channel][t]} in canonical units, gaps filled; null when rejected
 * @param newestArrivalMicros wall-clock time the newest frame of the window reached the client, µs
 * @param duplicateFrames   frames ignored as repeats of a sequence number
 * @param rejection         null when assembled, else the reason (the words of the shared windowing rule)
 */
@Internal
public record EdgeWindow(String deviceId, long startMicros, long endMicros, DeviceLayout layout, double rateHz,
                         float[][] samples, long newestArrivalMicros, int duplicateFrames, String rejection)
        implements ServedWindow {

    public boolean ok() {
        return rejection == null;
    }

    /** {@code deviceId@startMicros}: the window's id in classifier calls, as the job names it. */
    @Override
    public String windowId() {
        return deviceId + "@" + startMicros;
    }

    @Override
    public long newestFrameMicros() {
        return newestArrivalMicros;
    }
}
