package io.tsfm.job.window;

import io.tsfm.core.annotation.Internal;
import io.tsfm.core.window.SampleFrame;
import io.tsfm.job.decode.Frame;

/**
 * A frame as the windowing keeps it in state until the last window it overlaps has fired: the samples and what the
 * windows need from it, without the raw Kafka bytes.
 *
 * @param sequence    per-device frame counter
 * @param startMicros first sample time, µs
 * @param endMicros   time just after the last sample, µs
 * @param rateHz      sampling rate
 * @param samples     {@code [channel][t]} in the device's units
 * @param layoutId    layout the columns follow
 * @param sentMicros  send time, µs
 */
@Internal
public record BufferedFrame(long sequence, long startMicros, long endMicros, double rateHz, float[][] samples,
                            String layoutId, long sentMicros) {

    /** The parts of {@code frame} the windows need. */
    public static BufferedFrame of(Frame frame) {
        return new BufferedFrame(frame.sequence(), frame.startMicros(), frame.endMicros(), frame.rateHz(),
                frame.samples(), frame.layoutId(), frame.sentMicros());
    }

    /** Whether any sample lies in {@code [startMicros, endMicros)} (by time span; slots are the assembler's). */
    public boolean overlaps(long windowStart, long windowEnd) {
        return startMicros < windowEnd && endMicros > windowStart;
    }

    /** The frame for the shared windowing rule. */
    public SampleFrame toSampleFrame(String deviceId) {
        return new SampleFrame(deviceId, sequence, startMicros, rateHz, samples);
    }
}
