package io.tsfm.job.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.core.data.Units;
import io.tsfm.job.testing.TestFrames;
import io.tsfm.schemas.WireFormat;
import io.tsfm.schemas.avro.ChannelLayout;
import io.tsfm.schemas.avro.ChannelSpec;
import io.tsfm.schemas.avro.ImuFrame;
import io.tsfm.schemas.avro.LabelSetUpdate;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of malformed frame becomes a rejection with its reason and a detail that says where; good ones decode. */
class FrameDecoderTest {

    private static final long NOW = 1_700_000_100_000_000L;
    private static final long T0 = 1_700_000_000_000_000L;
    private final FrameDecoder decoder = new FrameDecoder(60_000_000L);

    @Test
    void aGoodFrameDecodesChannelMajorWithItsLayoutAndSendTime() {
        float[][] samples = TestFrames.signal("dev-a", 0, 10);
        ImuFrame wire = TestFrames.imuFrame("dev-a", 7, T0, 50, samples, true, T0 + 250_000);
        Decoded d = decoder.decode(record(TestFrames.encode(wire), 3), NOW);
        assertThat(d.rejection()).isNull();
        Frame f = d.frame();
        assertThat(f.deviceId()).isEqualTo("dev-a");
        assertThat(f.sequence()).isEqualTo(7);
        assertThat(f.samples()).isDeepEqualTo(samples);
        assertThat(f.endMicros()).isEqualTo(T0 + 200_000);
        assertThat(f.sentMicros()).isEqualTo(T0 + 250_000);
        assertThat(f.inlineLayout().descriptions()).containsExactly(TestFrames.DESCRIPTIONS);
        assertThat(f.inlineLayout().toCanonical()).containsExactly((float) Units.G, (float) Units.G, (float) Units.G,
                1f, 1f, 1f);
        assertThat(d.eventTimestampMillis()).isEqualTo(T0 / 1000);

        // a reference frame without a send time falls back to the Kafka record timestamp
        ImuFrame ref = TestFrames.imuFrame("dev-a", 8, T0, 50, samples, false, null);
        Frame r = decoder.decode(new SourceRecord("t", 0, 4, 1_700_000_000_400L, null, TestFrames.encode(ref)), NOW)
                .frame();
        assertThat(r.inlineLayout()).isNull();
        assertThat(r.layoutId()).isEqualTo(TestFrames.LAYOUT_ID);
        assertThat(r.sentMicros()).isEqualTo(1_700_000_000_400_000L);
    }

    @Test
    void everyMalformedKindIsRejectedWithItsReasonAndWhere() {
        float[][] good = TestFrames.signal("dev-a", 0, 10);
        byte[] valid = TestFrames.encode(TestFrames.imuFrame("dev-a", 1, T0, 50, good, false, null));

        assertRejected(new byte[] {'{', '"', 'a'}, "BAD_HEADER", "starts with 0x7B 0x22");

        byte[] unknown = valid.clone();
        ByteBuffer.wrap(unknown, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(0x1234_5678_9ABC_DEF0L);
        assertRejected(unknown, "UNKNOWN_SCHEMA", "is no known schema");

        byte[] labelSet = WireFormat.LABEL_SET_UPDATE.encode(new LabelSetUpdate("s", 1L, List.of("a"), null, 0L));
        assertRejected(labelSet, "UNKNOWN_SCHEMA", "not a version of ImuFrame");

        assertRejected(Arrays.copyOf(valid, valid.length - 7), "TRUNCATED", "ImuFrame");

        float[][] nan = TestFrames.signal("dev-a", 0, 10);
        nan[4][3] = Float.NaN;
        nan[0][9] = Float.POSITIVE_INFINITY;
        assertRejected(TestFrames.encode(TestFrames.imuFrame("dev-a", 2, T0, 50, nan, true, null)), "INVALID_RECORD",
                "samples[22] (time step 3, channel 4 'gyro_y') is NaN",
                "samples[54] (time step 9, channel 0 'acc_x') is Infinity", "2 of 60 values not finite");

        ImuFrame wrongCount = TestFrames.imuFrame("dev-a", 3, T0, 50, good, true, null);
        ChannelLayout five = TestFrames.layout();
        List<ChannelSpec> fewer = new ArrayList<>(five.getChannels().subList(0, 5));
        ImuFrame mismatched = ImuFrame.newBuilder(wrongCount).setLayout(new ChannelLayout("five", fewer)).build();
        assertRejected(TestFrames.encodeUnchecked(mismatched), "INVALID_RECORD",
                "channels: 5 channels but channelCount is 6");

        for (double rate : new double[] {0, -50, Double.NaN}) {
            ImuFrame badRate = TestFrames.imuFrame("dev-a", 4, T0, rate, good, true, null);
            assertRejected(TestFrames.encodeUnchecked(badRate), "INVALID_RECORD",
                    "ImuFrame.sampleRateHz: " + rate + " is not a finite rate > 0");
        }

        ImuFrame future = TestFrames.imuFrame("dev-a", 5, NOW + 61_000_000L, 50, good, true, null);
        assertRejected(TestFrames.encode(future), "INVALID_RECORD", "ImuFrame.firstSampleEpochMicros",
                "61.200 s ahead of the job's clock (limit 60.0 s)");
        // just inside the limit is fine
        ImuFrame nearFuture = TestFrames.imuFrame("dev-a", 5, NOW + 59_000_000L, 50, good, true, null);
        assertThat(decoder.decode(record(TestFrames.encode(nearFuture), 0), NOW).frame()).isNotNull();

        List<ChannelSpec> oddUnit = new ArrayList<>(five.getChannels());
        oddUnit.set(1, new ChannelSpec("acc_y", "furlong/fortnight", "Accelerometer Y-axis (waist)"));
        ImuFrame badUnit = ImuFrame.newBuilder(wrongCount).setLayout(new ChannelLayout("odd", oddUnit)).build();
        assertRejected(TestFrames.encode(badUnit), "INVALID_RECORD",
                "channels[1].unit ('acc_y'): unknown unit 'furlong/fortnight'");

        assertRejected(new byte[0], "TRUNCATED", "only 0 bytes");
    }

    @Test
    void labelSetUpdatesDecodeAndBadOnesAreRejected() {
        LabelSetDecoder labels = new LabelSetDecoder();
        byte[] good = WireFormat.LABEL_SET_UPDATE.encode(new LabelSetUpdate("gym", 4L, List.of("rowing", "cycling"),
                List.of("dev-a"), 99L));
        Decoded d = labels.decode(record(good, 0));
        assertThat(d.labelSet().id()).isEqualTo("gym");
        assertThat(d.labelSet().version()).isEqualTo(4);
        assertThat(d.labelSet().labels()).containsExactly("rowing", "cycling");
        assertThat(d.labelSet().appliesTo("dev-a")).isTrue();
        assertThat(d.labelSet().appliesTo("dev-b")).isFalse();

        byte[] frame = TestFrames.encode(TestFrames.imuFrame("d", 0, T0, 50, TestFrames.signal("d", 0, 2), true, null));
        Decoded wrongType = labels.decode(record(frame, 1));
        assertThat(wrongType.rejection().reason()).isEqualTo("UNKNOWN_SCHEMA");
        assertThat(wrongType.rejection().source().offset()).isEqualTo(1);
    }

    private void assertRejected(byte[] bytes, String reason, String... detailParts) {
        SourceRecord source = record(bytes, 42);
        Decoded d = decoder.decode(source, NOW);
        assertThat(d.frame()).as("frame decoded from bytes that should be %s", reason).isNull();
        assertThat(d.eventTimestampMillis()).isEqualTo(Long.MIN_VALUE);
        Rejection r = d.rejection();
        assertThat(r.reason()).isEqualTo(reason);
        assertThat(r.detail()).contains(detailParts);
        assertThat(r.source()).isSameAs(source);
        assertThat(r.atEpochMicros()).isPositive();
    }

    private static SourceRecord record(byte[] value, long offset) {
        return new SourceRecord("tsfm.imu.frames", 1, offset, 0, "dev-a".getBytes(StandardCharsets.UTF_8), value);
    }
}
