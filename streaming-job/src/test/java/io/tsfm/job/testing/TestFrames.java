package io.tsfm.job.testing;

import io.tsfm.job.decode.Decoded;
import io.tsfm.job.decode.Frame;
import io.tsfm.job.decode.FrameDecoder;
import io.tsfm.job.decode.SourceRecord;
import io.tsfm.schemas.ImuFrames;
import io.tsfm.schemas.WireFormat;
import io.tsfm.schemas.avro.ChannelLayout;
import io.tsfm.schemas.avro.ChannelSpec;
import io.tsfm.schemas.avro.ImuFrame;
import io.tsfm.schemas.avro.LayoutRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;

/**
 * TEST ONLY: builds IMU frames the way a device does (Avro records, single-object bytes) and decodes them through the
 * job's real {@link FrameDecoder}, so operator tests get exactly what the job gets.
 */
public final class TestFrames {

    /** A waist IMU as recorded by HAPT: accelerometer in g, gyroscope in rad/s. */
    public static final String LAYOUT_ID = "waist-imu-v1";
    public static final String[] NAMES = {"acc_x", "acc_y", "acc_z", "gyro_x", "gyro_y", "gyro_z"};
    public static final String[] UNITS = {"g", "g", "g", "rad/s", "rad/s", "rad/s"};
    public static final String[] DESCRIPTIONS = {"Accelerometer X-axis (waist)", "Accelerometer Y-axis (waist)",
            "Accelerometer Z-axis (waist)", "Gyroscope X-axis (waist)", "Gyroscope Y-axis (waist)",
            "Gyroscope Z-axis (waist)"};

    private static final FrameDecoder DECODER = new FrameDecoder(3_600_000_000L);

    private TestFrames() {
    }

    /** The 6-channel layout, inline. */
    public static ChannelLayout layout() {
        List<ChannelSpec> specs = new ArrayList<>();
        for (int c = 0; c < NAMES.length; c++) {
            specs.add(new ChannelSpec(NAMES[c], UNITS[c], DESCRIPTIONS[c]));
        }
        return new ChannelLayout(LAYOUT_ID, specs);
    }

    /**
     * A frame record.
     *
     * @param samples {@code [channel][t]}
     * @param inline  carry the layout inline (else a reference to {@link #LAYOUT_ID})
     * @param sentAt  the device's send time, µs, or null
     */
    public static ImuFrame imuFrame(String device, long sequence, long startMicros, double rateHz, float[][] samples,
                                    boolean inline, Long sentAt) {
        int channels = samples.length;
        int steps = samples[0].length;
        float[] rowMajor = new float[channels * steps];
        for (int t = 0; t < steps; t++) {
            for (int c = 0; c < channels; c++) {
                rowMajor[t * channels + c] = samples[c][t];
            }
        }
        return ImuFrame.newBuilder().setDeviceId(device).setSequence(sequence).setFirstSampleEpochMicros(startMicros)
                .setSampleRateHz(rateHz).setChannelCount(channels).setSamples(ImuFrames.sampleList(rowMajor))
                .setLayout(inline ? layout() : new LayoutRef(LAYOUT_ID)).setSentAtEpochMicros(sentAt).build();
    }

    /** Single-object bytes through the checking encoder. */
    public static byte[] encode(ImuFrame frame) {
        return WireFormat.IMU_FRAME.encode(frame);
    }

    /** Single-object bytes WITHOUT the wire rules: how a buggy device writes a frame the rules forbid. */
    public static byte[] encodeUnchecked(ImuFrame frame) {
        BinaryMessageEncoder<ImuFrame> encoder = new BinaryMessageEncoder<>(SpecificData.getForClass(ImuFrame.class),
                ImuFrame.getClassSchema());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            encoder.encode(frame, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The frame as the job's decoder makes it (fails the test if the decoder rejects it). */
    public static Frame decode(ImuFrame frame, long offset) {
        return decode(frame, 0, offset, 0);
    }

    /** As {@link #decode(ImuFrame, long)}, read from {@code partition} with Kafka record timestamp {@code kafkaMillis}. */
    public static Frame decode(ImuFrame frame, int partition, long offset, long kafkaMillis) {
        Decoded d = DECODER.decode(new SourceRecord("frames", partition, offset, kafkaMillis,
                frame.getDeviceId().getBytes(StandardCharsets.UTF_8), encode(frame)));
        if (d.frame() == null) {
            throw new AssertionError("decoder rejected a good frame: " + d.rejection());
        }
        return d.frame();
    }

    /** A deterministic 6-channel signal: sample {@code t} of a device (different per channel and device). */
    public static float[][] signal(String device, long firstStep, int steps) {
        float[][] s = new float[NAMES.length][steps];
        double phase = (device.hashCode() & 0xff) / 40.0;
        for (int c = 0; c < s.length; c++) {
            for (int t = 0; t < steps; t++) {
                double x = (firstStep + t) / 50.0;
                s[c][t] = (float) ((c < 3 ? 1.0 : 0.5) * Math.sin(2 * Math.PI * (0.7 + 0.3 * c) * x + phase)
                        + (c == 2 ? 1.0 : 0.0));
            }
        }
        return s;
    }
}
