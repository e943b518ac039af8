package io.tsfm.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tsfm.schemas.WireFormatException.Kind;
import io.tsfm.schemas.avro.ChannelLayout;
import io.tsfm.schemas.avro.ChannelSpec;
import io.tsfm.schemas.avro.DeadLetter;
import io.tsfm.schemas.avro.DeadLetterReason;
import io.tsfm.schemas.avro.ImuFrame;
import io.tsfm.schemas.avro.LabelSetUpdate;
import io.tsfm.schemas.avro.LayoutRef;
import io.tsfm.schemas.avro.Prediction;
import io.tsfm.schemas.avro.ScoredLabel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    static ImuFrame frame(int timeSteps, Object layout) {
        float[] values = new float[timeSteps * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.sin(i * 0.1) * 9.81f;
        }
        if (values.length > 4) {
            values[4] = Float.NaN; // a missing value travels as NaN
        }
        return ImuFrame.newBuilder()
                .setDeviceId("watch-17")
                .setSequence(42)
                .setFirstSampleEpochMicros(1_732_000_000_123_456L)
                .setSampleRateHz(50.0)
                .setChannelCount(3)
                .setSamples(ImuFrames.sampleList(values))
                .setLayout(layout)
                .setSentAtEpochMicros(1_732_000_000_523_000L)
                .build();
    }

    static ChannelLayout wristAcc() {
        return ChannelLayout.newBuilder().setLayoutId("wrist-acc-v1").setChannels(List.of(
                new ChannelSpec("acc_x", "m/s^2", "Accelerometer X-axis at the wrist"),
                new ChannelSpec("acc_y", "m/s^2", "Accelerometer Y-axis at the wrist"),
                new ChannelSpec("acc_z", "m/s^2", "Accelerometer Z-axis at the wrist"))).build();
    }

    static Prediction prediction() {
        return Prediction.newBuilder()
                .setDeviceId("watch-17")
                .setWindowStartEpochMicros(1_000_000L)
                .setWindowEndEpochMicros(7_000_000L)
                .setTopK(List.of(new ScoredLabel("walking", 0.61f), new ScoredLabel("running", 0.42f),
                        new ScoredLabel("sitting", -0.05f)))
                .setLabelSetId("har-basic")
                .setLabelSetVersion(3)
                .setModelBundleSha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                .setProcessingLatencyMicros(2_345)
                .setEndToEndLatencyMicros(41_000L)
                .setEmittedAtEpochMicros(7_041_000L)
                .build();
    }

    @Test
    void imuFrameRoundTripsWithInlineLayoutAndReference() {
        ImuFrame inline = frame(25, wristAcc());
        byte[] bytes = WireFormat.IMU_FRAME.encode(inline);
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(fingerprintOf(bytes)).isEqualTo(WireFormat.IMU_FRAME.fingerprint());
        ImuFrame back = WireFormat.IMU_FRAME.decode(bytes);
        assertThat(back).isEqualTo(inline);
        assertThat(ImuFrames.samples(back)).containsExactly(ImuFrames.samples(inline));
        assertThat(Float.isNaN(ImuFrames.samples(back)[4])).isTrue();
        assertThat(ImuFrames.timeSteps(back)).isEqualTo(25);
        assertThat(ImuFrames.sampleEpochMicros(back, 1)).isEqualTo(1_732_000_000_123_456L + 20_000L);

        ImuFrame referenced = ImuFrame.newBuilder(frame(10, new LayoutRef("wrist-acc-v1")))
                .setSentAtEpochMicros(null).build();
        ImuFrame back2 = WireFormat.IMU_FRAME.decode(WireFormat.IMU_FRAME.encode(referenced));
        assertThat(back2).isEqualTo(referenced);
        assertThat(back2.getLayout()).isInstanceOf(LayoutRef.class);
        assertThat(back2.getSentAtEpochMicros()).isNull();
    }

    @Test
    void otherTypesRoundTrip() {
        Prediction p = prediction();
        assertThat(WireFormat.PREDICTION.decode(WireFormat.PREDICTION.encode(p))).isEqualTo(p);

        LabelSetUpdate scoped = new LabelSetUpdate("har-basic", 4L, List.of("walking", "running", "sitting"),
                List.of("watch-17", "phone-3"), 1_700_000_000_000_000L);
        LabelSetUpdate global = new LabelSetUpdate("har-basic", 5L, List.of("walking"), null, 1L);
        assertThat(WireFormat.LABEL_SET_UPDATE.decode(WireFormat.LABEL_SET_UPDATE.encode(scoped))).isEqualTo(scoped);
        assertThat(WireFormat.LABEL_SET_UPDATE.decode(WireFormat.LABEL_SET_UPDATE.encode(global))).isEqualTo(global);

        byte[] raw = "not avro at all".getBytes(StandardCharsets.UTF_8);
        DeadLetter d = new DeadLetter(Topics.IMU_FRAMES, 2, 1234L, ByteBuffer.wrap(raw), DeadLetterReason.BAD_HEADER,
                "ImuFrame: not Avro single-object encoding", 99L);
        DeadLetter back = WireFormat.DEAD_LETTER.decode(WireFormat.DEAD_LETTER.encode(d));
        assertThat(back).isEqualTo(d);
        assertThat(bytesOf(back.getPayload())).isEqualTo(raw);
    }

    @Test
    void newestReaderReadsFramesWrittenWithVersion1() throws Exception {
        SchemaHistory.Version v1 = SchemaHistory.bundled().versions(ImuFrame.getClassSchema().getFullName()).get(0);
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.schema().getField("sentAtEpochMicros")).isNull();

        // an old producer: generic records against the frozen v1 schema, single-object encoded
        GenericData.Record layout = new GenericData.Record(v1.schema().getField("layout").schema().getTypes().get(0));
        GenericData.Record channel = new GenericData.Record(
                layout.getSchema().getField("channels").schema().getElementType());
        channel.put("name", "acc_x");
        channel.put("unit", "g");
        channel.put("description", "Accelerometer X-axis at the ankle");
        layout.put("layoutId", "ankle-x");
        layout.put("channels", List.of(channel));
        GenericData.Record old = new GenericData.Record(v1.schema());
        old.put("deviceId", "legacy-band");
        old.put("sequence", 7L);
        old.put("firstSampleEpochMicros", 5_000_000L);
        old.put("sampleRateHz", 100.0);
        old.put("channelCount", 1);
        old.put("samples", List.of(0.5f, -0.25f, 1.0f));
        old.put("layout", layout);
        byte[] bytes = new BinaryMessageEncoder<GenericData.Record>(GenericData.get(), v1.schema()).encode(old).array();
        assertThat(fingerprintOf(bytes)).isEqualTo(v1.fingerprint()).isNotEqualTo(WireFormat.IMU_FRAME.fingerprint());

        ImuFrame read = WireFormat.IMU_FRAME.decode(bytes);
        assertThat(read.getDeviceId()).isEqualTo("legacy-band");
        assertThat(read.getSequence()).isEqualTo(7L);
        assertThat(read.getSampleRateHz()).isEqualTo(100.0);
        assertThat(ImuFrames.samples(read)).containsExactly(0.5f, -0.25f, 1.0f);
        ChannelLayout l = (ChannelLayout) read.getLayout();
        assertThat(l.getChannels()).containsExactly(new ChannelSpec("acc_x", "g", "Accelerometer X-axis at the ankle"));
        assertThat(read.getSentAtEpochMicros()).as("field added in v2 takes its default").isNull();
    }

    @Test
    void unknownFingerprintIsRejectedWithTheFingerprint() {
        byte[] bytes = WireFormat.IMU_FRAME.encode(frame(5, wristAcc()));
        ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(0x0123456789abcdefL);
        WireFormatException e = catchThrowableOfType(WireFormatException.class,
                () -> WireFormat.IMU_FRAME.decode(bytes));
        assertThat(e.kind()).isEqualTo(Kind.UNKNOWN_SCHEMA);
        assertThat(e.deadLetterReason()).isEqualTo(DeadLetterReason.UNKNOWN_SCHEMA);
        assertThat(e.getMessage()).contains("0x0123456789abcdef").contains("ImuFrame v1").contains("ImuFrame v2");

        byte[] prediction = WireFormat.PREDICTION.encode(prediction());
        assertThatThrownBy(() -> WireFormat.IMU_FRAME.decode(prediction))
                .isInstanceOfSatisfying(WireFormatException.class, x -> assertThat(x.kind()).isEqualTo(Kind.UNKNOWN_SCHEMA))
                .hasMessageContaining("Prediction v1").hasMessageContaining("not a version of ImuFrame");
    }

    @Test
    void everyTruncationIsReportedAsTruncated() {
        byte[] full = WireFormat.IMU_FRAME.encode(frame(4, wristAcc()));
        for (int len = 0; len < full.length; len++) {
            byte[] cut = Arrays.copyOf(full, len);
            WireFormatException e = catchThrowableOfType(WireFormatException.class,
                    () -> WireFormat.IMU_FRAME.decode(cut));
            assertThat(e).as("prefix of %d of %d bytes", len, full.length).isNotNull();
            assertThat(e.kind()).as("prefix of %d bytes: %s", len, e.getMessage()).isEqualTo(Kind.TRUNCATED);
        }
        byte[] atSamples = Arrays.copyOf(full, 40);
        assertThatThrownBy(() -> WireFormat.IMU_FRAME.decode(atSamples)).hasMessageContaining("ImuFrame.samples");
    }

    @Test
    void badHeaderTrailingBytesAndForgedLengthsAreClearErrors() {
        assertThatThrownBy(() -> WireFormat.IMU_FRAME.decode("{\"deviceId\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(WireFormatException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_HEADER))
                .hasMessageContaining("0x7B 0x22");

        byte[] full = WireFormat.IMU_FRAME.encode(frame(4, wristAcc()));
        byte[] trailing = Arrays.copyOf(full, full.length + 3);
        assertThatThrownBy(() -> WireFormat.IMU_FRAME.decode(trailing))
                .isInstanceOfSatisfying(WireFormatException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED))
                .hasMessageContaining("3 trailing bytes");

        // forge the samples count: 12 floats -> 2^30 floats; must fail before any allocation
        int countAt = indexOfSamplesCount(full, 12);
        byte[] forged = new byte[full.length + 4];
        System.arraycopy(full, 0, forged, 0, countAt);
        byte[] huge = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08}; // zig-zag 2^30
        System.arraycopy(huge, 0, forged, countAt, huge.length);
        System.arraycopy(full, countAt + 1, forged, countAt + huge.length, full.length - countAt - 1);
        assertThatThrownBy(() -> WireFormat.IMU_FRAME.decode(forged))
                .isInstanceOfSatisfying(WireFormatException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TRUNCATED))
                .hasMessageContaining("ImuFrame.samples").hasMessageContaining("claims 1073741824 items");

        // union branch 5 of a 2-branch union
        byte[] ref = WireFormat.IMU_FRAME.encode(frame(1, new LayoutRef("x")));
        int branchAt = WireFormat.HEADER_LENGTH + 1 + "watch-17".length() + 1 + 8 + 8 + 1 + 1 + 3 * 4 + 1;
        assertThat(ref[branchAt]).as("union index of LayoutRef").isEqualTo((byte) 2);
        ref[branchAt] = 10;
        assertThatThrownBy(() -> WireFormat.IMU_FRAME.decode(ref))
                .isInstanceOfSatisfying(WireFormatException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED))
                .hasMessageContaining("ImuFrame.layout: union branch 5");
    }

    @Test
    void brokenRecordsAreRefusedOnEncodeAndOnDecode() throws Exception {
        ImuFrame bad = ImuFrame.newBuilder(frame(4, wristAcc())).setSamples(ImuFrames.sampleList(new float[7])).build();
        assertThatThrownBy(() -> WireFormat.IMU_FRAME.encode(bad))
                .isInstanceOfSatisfying(WireFormatException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_RECORD))
                .hasMessageContaining("ImuFrame.samples: length 7 is not a multiple of channelCount 3");

        // a producer that skips the rules: bytes decode, but the reader refuses the record, naming the field
        ImuFrame wrongLayout = frame(2, ChannelLayout.newBuilder().setLayoutId("two").setChannels(List.of(
                new ChannelSpec("a", "g", "A"), new ChannelSpec("a", "g", "B"))).build());
        byte[] bytes = ImuFrame.getEncoder().encode(wrongLayout).array();
        assertThatThrownBy(() -> WireFormat.IMU_FRAME.decode(bytes))
                .isInstanceOfSatisfying(WireFormatException.class,
                        e -> assertThat(e.deadLetterReason()).isEqualTo(DeadLetterReason.INVALID_RECORD))
                .hasMessageContaining("ImuFrame.layout<ChannelLayout>.channels: 2 channels but channelCount is 3")
                .hasMessageContaining("ImuFrame.layout<ChannelLayout>.channels[1].name: 'a' appears twice");

        Prediction p = Prediction.newBuilder(prediction()).setModelBundleSha256("ABC")
                .setTopK(List.of(new ScoredLabel("a", 0.1f), new ScoredLabel("b", 0.9f))).build();
        assertThatThrownBy(() -> WireFormat.PREDICTION.encode(p))
                .hasMessageContaining("Prediction.modelBundleSha256: 'ABC' is not 64 lowercase hex digits")
                .hasMessageContaining("Prediction.topK[1].score: 0.9 is higher");

        LabelSetUpdate empty = new LabelSetUpdate("", 1L, List.of("walk", "walk"), List.of(), 0L);
        assertThatThrownBy(() -> WireFormat.LABEL_SET_UPDATE.encode(empty))
                .hasMessageContaining("LabelSetUpdate.labelSetId: blank")
                .hasMessageContaining("LabelSetUpdate.labels[1]: 'walk' appears twice")
                .hasMessageContaining("LabelSetUpdate.deviceScope: empty");
    }

    private static long fingerprintOf(byte[] bytes) {
        return ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static byte[] bytesOf(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** Offset of the samples block count (zig-zag of {@code count}, one byte) after the fixed-size header fields. */
    private static int indexOfSamplesCount(byte[] bytes, int count) {
        int at = WireFormat.HEADER_LENGTH + 1 + "watch-17".length() + 1 + 8 + 8 + 1;
        assertThat(bytes[at]).isEqualTo((byte) (count * 2));
        return at;
    }
}
