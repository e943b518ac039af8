package io.tsfm.job.decode;

import io.tsfm.core.annotation.Internal;
import io.tsfm.core.window.SampleFrame;

/**
 * A decoded, validated IMU frame inside the job: the samples channel-major as the windowing wants them, the layout
 * it carried inline (or only the id it references), and its source record for a later dead letter.
 *
 * @param deviceId     device key
 * @param sequence     per-device frame counter
 * @param startMicros  event time of the first sample, µs since the epoch
 * @param rateHz       nominal sampling rate, finite and positive
 * @param samples      {@code [channel][t]}, in the device's units, every value finite
 * @param layoutId     id of the channel layout the columns follow
 * @param inlineLayout the layout when the frame carried it inline, else null (a reference)
 * @param sentMicros   when the device sent it ({@code sentAtEpochMicros}, else the Kafka timestamp), µs
 * @param source       the Kafka record it was decoded from
 */
@Internal
public record Frame(String deviceId, long sequence, long startMicros, double rateHz, float[][] samples,
                    String layoutId, LayoutSpec inlineLayout, long sentMicros, SourceRecord source) {

    /** Number of channels. */
    public int channelCount() {
        return samples.length;
    }

    /** The transport-neutral frame the shared windowing rule works on. */
    public SampleFrame toSampleFrame() {
        return new SampleFrame(deviceId, sequence, startMicros, rateHz, samples);
    }

    /** Event time just after the last sample, µs (the same rule as {@link SampleFrame#endMicros()}). */
    public long endMicros() {
        return toSampleFrame().endMicros();
    }

    /** Flink event timestamp: the first sample's time in ms, floored. */
    public long timestampMillis() {
        return Math.floorDiv(startMicros, 1000L);
    }

    @Override
    public String toString() {
        return "Frame[" + deviceId + " #" + sequence + " @" + startMicros + "us, " + samples.length + "ch x "
                + (samples.length == 0 ? 0 : samples[0].length) + " @ " + rateHz + " Hz, layout " + layoutId + "]";
    }
}
