package io.tsfm.job.window;

import io.tsfm.core.annotation.Internal;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.core.serving.ServedWindow;
import java.util.List;

/**
 * One assembled window of one device, ready for the classifier.
 *
 * @param deviceId            device
 * @param startMicros         window start, µs (inclusive)
 * @param endMicros           window end, µs (exclusive)
 * @param rateHz              sampling rate of the samples
 * @param samples             {@code [channel][t]} in canonical units, gaps filled by the windowing rule
 * @param channelDescriptions model-input description per channel
 * @param newestSentMicros    send time of the newest frame in the window, µs; 0 when unknown
 * @param firedAtMicros       wall-clock time the window was assembled, µs (start of its processing latency)
 */
@Internal
public record DeviceWindow(String deviceId, long startMicros, long endMicros, double rateHz, float[][] samples,
                           String[] channelDescriptions, long newestSentMicros, long firedAtMicros)
        implements ServedWindow {

    @Override
    public String windowId() {
        return deviceId + "@" + startMicros;
    }

    @Override
    public long newestFrameMicros() {
        return newestSentMicros;
    }

    /** The classifier's input. */
    public SensorWindow toSensorWindow() {
        return new SensorWindow(windowId(), samples, rateHz, List.of(channelDescriptions));
    }
}
