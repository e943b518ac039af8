package io.tsfm.core.window;

import io.tsfm.core.annotation.PublicApi;
import java.util.Objects;

/**
 * A short run of samples from one device, as it arrives on the wire: the transport-neutral form of an
 * IMU frame that the stream windowing works on (the Flink job and the edge client both convert their
 * wire records into this).
 *
 * @param deviceId     device key
 * @param sequence     per-device sequence number, strictly increasing at the sender (used to drop duplicates)
 * @param startMicros  event time of the first sample, microseconds since the epoch
 * @param rateHz       nominal sampling rate
 * @param samples      {@code [channel][i]}, every channel the same length
 */
@PublicApi
public record SampleFrame(String deviceId, long sequence, long startMicros, double rateHz, float[][] samples) {
    public SampleFrame {
        Objects.requireNonNull(deviceId, "deviceId");
        if (!(rateHz > 0) || Double.isInfinite(rateHz)) {
            throw new IllegalArgumentException("device " + deviceId + " frame " + sequence + ": rate must be positive, got " + rateHz);
        }
        if (samples.length == 0) throw new IllegalArgumentException("device " + deviceId + " frame " + sequence + ": no channels");
        int n = samples[0].length;
        for (int c = 1; c < samples.length; c++) {
            if (samples[c].length != n) {
                throw new IllegalArgumentException("device " + deviceId + " frame " + sequence + ": channel " + c
                        + " has " + samples[c].length + " samples, channel 0 has " + n);
            }
        }
    }

    public int numChannels() {
        return samples.length;
    }

    public int length() {
        return samples[0].length;
    }

    /** Event time just after the last sample, microseconds. */
    public long endMicros() {
        return startMicros + offsetMicros(length(), rateHz);
    }

    /** Samples in a frame of {@code frameSeconds} at {@code rateHz}: the nearest whole number, at least one. */
    public static int samplesPerFrame(double frameSeconds, double rateHz) {
        return Math.max(1, (int) Math.round(frameSeconds * rateHz));
    }

    /**
     * How far sample {@code n} of a run lies after sample 0, microseconds: {@code round(n·1e6 / rate)}, the wire's
     * rule ({@code ImuFrame.firstSampleEpochMicros}); whoever stamps frames uses it so windows see the same times.
     */
    public static long offsetMicros(long n, double rateHz) {
        return Math.round(n * 1e6 / rateHz);
    }
}
