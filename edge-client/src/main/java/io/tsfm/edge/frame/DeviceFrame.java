package io.tsfm.edge.frame;

import io.tsfm.core.annotation.PublicApi;
import io.tsfm.core.window.SampleFrame;
import java.util.Objects;

/**
 * A short run of samples from one device as the edge client handles it: the samples channel-major in canonical
 * units, their event time and rate, the layout they follow, and the per-device sequence number the frame goes out
 * with. Immutable by convention (do not write into {@link #samples()}).
 *
 * @param deviceId    device key
 * @param sequence    per-device frame counter, +1 per frame the device produced (a gap is a lost frame)
 * @param startMicros event time of the first sample, µs since the epoch (device clock)
 * @param rateHz      nominal sampling rate
 * @param samples     {@code [channel][t]}, canonical units, every value finite
 * @param layout      the channels the rows follow
 */
@PublicApi
public record DeviceFrame(String deviceId, long sequence, long startMicros, double rateHz, float[][] samples,
                          DeviceLayout layout) {

    public DeviceFrame {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(layout, "layout");
        if (samples.length != layout.channelCount()) {
            throw new IllegalArgumentException("device " + deviceId + " frame " + sequence + ": " + samples.length
                    + " sample rows for layout " + layout.layoutId() + " of " + layout.channelCount() + " channels");
        }
    }

    /** Number of time steps. */
    public int length() {
        return samples[0].length;
    }

    /** Event time just after the last sample, µs (the rule of {@link SampleFrame#endMicros()}). */
    public long endMicros() {
        return toSampleFrame().endMicros();
    }

    /** The frame for the shared windowing rule. */
    public SampleFrame toSampleFrame() {
        return new SampleFrame(deviceId, sequence, startMicros, rateHz, samples);
    }

    /** The same frame with another sequence number. */
    public DeviceFrame withSequence(long newSequence) {
        return new DeviceFrame(deviceId, newSequence, startMicros, rateHz, samples, layout);
    }

    /** The same frame stamped at another event time. */
    public DeviceFrame withStartMicros(long newStart) {
        return new DeviceFrame(deviceId, sequence, newStart, rateHz, samples, layout);
    }

    @Override
    public String toString() {
        return "DeviceFrame[" + deviceId + " #" + sequence + " @" + startMicros + "us, " + samples.length + "ch x "
                + length() + " @ " + rateHz + " Hz, layout " + layout.layoutId() + "]";
    }
}
