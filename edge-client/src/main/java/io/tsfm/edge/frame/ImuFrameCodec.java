package io.tsfm.edge.frame;

import io.tsfm.core.annotation.Internal;
import io.tsfm.schemas.ImuFrames;
import io.tsfm.schemas.WireFormat;
import io.tsfm.schemas.avro.ImuFrame;
import io.tsfm.schemas.avro.LayoutRef;
import java.nio.charset.StandardCharsets;

/**
 * {@link DeviceFrame} to and from the wire's {@code ImuFrame} (row-major samples, layout inline or by reference),
 * and the Kafka key of a device. Stateless and thread-safe.
 */
@Internal
public final class ImuFrameCodec {

    private ImuFrameCodec() {
    }

    /**
     * The wire record of a frame.
     *
     * @param inlineLayout carry the whole layout (true) or only its id (false; the receiver must have seen it)
     * @param sentAtMicros device wall-clock send time, µs, or null when not stamped
     */
    public static ImuFrame toWire(DeviceFrame frame, boolean inlineLayout, Long sentAtMicros) {
        int channels = frame.samples().length;
        int steps = frame.length();
        float[] rowMajor = new float[channels * steps];
        for (int c = 0; c < channels; c++) {
            float[] ch = frame.samples()[c];
            for (int t = 0; t < steps; t++) rowMajor[t * channels + c] = ch[t];
        }
        return ImuFrame.newBuilder()
                .setDeviceId(frame.deviceId())
                .setSequence(frame.sequence())
                .setFirstSampleEpochMicros(frame.startMicros())
                .setSampleRateHz(frame.rateHz())
                .setChannelCount(channels)
                .setSamples(ImuFrames.sampleList(rowMajor))
                .setLayout(inlineLayout ? frame.layout().toWire() : new LayoutRef(frame.layout().layoutId()))
                .setSentAtEpochMicros(sentAtMicros)
                .build();
    }

    /** The encoded wire bytes of a frame (single-object Avro, rules checked). */
    public static byte[] encode(DeviceFrame frame, boolean inlineLayout, Long sentAtMicros) {
        return WireFormat.IMU_FRAME.encode(toWire(frame, inlineLayout, sentAtMicros));
    }

    /** The Kafka key of a device's records: its id in UTF-8, so its frames stay in one partition, in order. */
    public static byte[] key(String deviceId) {
        return deviceId.getBytes(StandardCharsets.UTF_8);
    }

    /** The samples of a wire frame as {@code [channel][t]}. */
    public static float[][] channelMajor(ImuFrame wire) {
        int channels = wire.getChannelCount();
        float[] rowMajor = ImuFrames.samples(wire);
        int steps = rowMajor.length / channels;
        float[][] out = new float[channels][steps];
        for (int t = 0; t < steps; t++) {
            for (int c = 0; c < channels; c++) out[c][t] = rowMajor[t * channels + c];
        }
        return out;
    }
}
