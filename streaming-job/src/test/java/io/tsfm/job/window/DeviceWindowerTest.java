package io.tsfm.job.window;

import io.tsfm.core.window.WindowGrid;
import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Units;
import io.tsfm.core.window.SampleFrame;
import io.tsfm.core.window.WindowAssembler;
import io.tsfm.job.decode.Frame;
import io.tsfm.job.decode.RejectedWindow;
import io.tsfm.job.decode.Rejection;
import io.tsfm.job.decode.SideOutputs;
import io.tsfm.job.testing.TestFrames;
import io.tsfm.schemas.avro.ImuFrame;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The windowing operator in Flink's operator harness (real keyed state, real timers): every emitted window must equal
 * what the shared {@link WindowAssembler} cuts from the same frames, whatever the arrival order, jitter, duplicates,
 * gaps and device clocks; a silent device's windows close after the idle timeout.
 */
class DeviceWindowerTest {

    /** 1.7e9 s since the epoch: a multiple of the 2 s hop, so window ends fall on whole seconds of the stream. */
    private static final long T0 = 1_700_000_000_000_000L;
    private static final double RATE = 50;
    private static final int FRAME_STEPS = 10; // 0.2 s frames
    private static final long FRAME_MICROS = 200_000;
    private static final long BOUND_MILLIS = 500;
    private static final long IDLE_MILLIS = 10_000;
    private static final WindowGrid GRID = WindowGrid.ofMillis(6000, 2000);
    private static final WindowAssembler RULE = new WindowAssembler(6.0, 0.5, 0.8);

    private long offsets;

    @Test
    void cleanStreamsOfTwoDevicesGiveEveryGridWindowTheSharedRuleAccepts() throws Exception {
        List<Frame> a = stream("dev-a", 50, 0);
        List<Frame> b = stream("dev-b", 50, 0);
        List<Frame> both = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            both.add(a.get(i));
            both.add(b.get(i));
        }
        try (var h = harness("wrist device")) {
            feed(h, both);
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            List<DeviceWindow> windows = h.extractOutputValues();
            // 10 s of data, 6 s windows every 2 s: [0,6) [2,8) [4,10) are complete; [-4,2) [-2,4) [6,12) [8,14)
            // overlap it only in part and are rejected for coverage
            assertThat(starts(windows, "dev-a")).containsExactly(T0, T0 + 2_000_000, T0 + 4_000_000);
            assertThat(starts(windows, "dev-b")).containsExactly(T0, T0 + 2_000_000, T0 + 4_000_000);
            for (DeviceWindow w : windows) {
                List<Frame> own = w.deviceId().equals("dev-a") ? a : b;
                assertThat(w.samples()).isDeepEqualTo(expected(own, w.startMicros()));
                assertThat(w.endMicros() - w.startMicros()).isEqualTo(6_000_000);
                assertThat(w.rateHz()).isEqualTo(RATE);
                assertThat(w.channelDescriptions()[0]).isEqualTo("wrist device Accelerometer X-axis (waist)");
                assertThat(w.channelDescriptions()[5]).isEqualTo("wrist device Gyroscope Z-axis (waist)");
                // the newest frame in [s, s+6 s) was sent when it ended
                assertThat(w.newestSentMicros()).isEqualTo(w.endMicros());
            }
            List<RejectedWindow> rejected = values(h.getSideOutput(SideOutputs.REJECTED_WINDOWS));
            assertThat(rejected).hasSize(8);
            assertThat(rejected).allSatisfy(r -> assertThat(r.category()).isEqualTo("COVERAGE"));
            assertThat(h.getSideOutput(SideOutputs.REJECTIONS)).isNull();
            // everything fired: no frame and no timer left behind
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void outOfOrderAndJitteredFramesGiveTheSameWindowsAsACleanStream() throws Exception {
        List<DeviceWindow> clean = run(stream("dev-a", 50, 0));
        // sample-clock jitter: each frame's stamp off by up to 0.3 sample periods (6 ms at 50 Hz)
        List<Frame> jittered = new ArrayList<>();
        long[] jitter = {3_000, -6_000, 5_000, -2_000, 0, 6_000, -4_000};
        for (int i = 0; i < 50; i++) {
            jittered.add(frame("dev-a", i, T0 + i * FRAME_MICROS + jitter[i % jitter.length], i == 0, TestFrames
                    .signal("dev-a", (long) i * FRAME_STEPS, FRAME_STEPS), RATE));
        }
        // out of order within the watermark bound: swap neighbours, reverse runs of two
        List<Frame> shuffled = new ArrayList<>(jittered);
        for (int i = 1; i + 1 < shuffled.size(); i += 3) {
            Collections.swap(shuffled, i, i + 1);
        }
        List<DeviceWindow> again = run(shuffled);
        assertThat(again).hasSize(clean.size()).hasSize(3);
        for (int i = 0; i < clean.size(); i++) {
            assertThat(again.get(i).startMicros()).isEqualTo(clean.get(i).startMicros());
            assertThat(again.get(i).samples()).isDeepEqualTo(clean.get(i).samples());
        }
    }

    @Test
    void duplicateFramesAreIgnoredAndTheFirstArrivalWins() throws Exception {
        List<Frame> frames = stream("dev-a", 50, 0);
        List<DeviceWindow> clean = run(frames);
        List<Frame> withDuplicates = new ArrayList<>();
        for (Frame f : frames) {
            withDuplicates.add(f);
            if (f.sequence() >= 5 && f.sequence() <= 20) {
                // a resend with the same sequence number but other content: must not replace the first
                float[][] zeros = new float[6][FRAME_STEPS];
                withDuplicates.add(frame("dev-a", f.sequence(), f.startMicros(), false, zeros, RATE));
            }
        }
        List<DeviceWindow> deduped = run(withDuplicates);
        assertThat(deduped).hasSameSizeAs(clean);
        for (int i = 0; i < clean.size(); i++) {
            assertThat(deduped.get(i).samples()).isDeepEqualTo(clean.get(i).samples());
        }
    }

    @Test
    void shortGapsAreInterpolatedAndLongGapsRejectTheirWindows() throws Exception {
        List<Frame> frames = new ArrayList<>(stream("dev-a", 60, 0));
        frames.removeIf(f -> f.sequence() == 12); // 0.2 s lost at 2.4 s: below the 0.5 s limit
        frames.removeIf(f -> f.sequence() >= 40 && f.sequence() <= 43); // 0.8 s lost at 8.0 s
        try (var h = harness("")) {
            feed(h, frames);
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            List<DeviceWindow> windows = h.extractOutputValues();
            // [0,6) and [2,8) hold the short gap and are filled; [4,10) [6,12) [8,14) hold the long one
            assertThat(starts(windows, "dev-a")).containsExactly(T0, T0 + 2_000_000);
            for (DeviceWindow w : windows) {
                assertThat(w.samples()).isDeepEqualTo(expected(frames, w.startMicros()));
            }
            Map<Long, String> rejected = new TreeMap<>();
            for (RejectedWindow r : values(h.getSideOutput(SideOutputs.REJECTED_WINDOWS))) {
                rejected.put(r.startMicros() - T0, r.category());
            }
            // [8,14) also lacks 2 s at its end, so coverage rejects it before the gap is looked at
            assertThat(rejected).containsEntry(4_000_000L, "GAP").containsEntry(6_000_000L, "GAP")
                    .containsEntry(8_000_000L, "COVERAGE");
            assertThat(values(h.getSideOutput(SideOutputs.REJECTED_WINDOWS)))
                    .filteredOn(r -> r.category().equals("GAP"))
                    .allSatisfy(r -> assertThat(r.reason()).contains("exceeds the 25-sample limit"));
        }
    }

    @Test
    void lateFramesServeTheWindowsStillOpenAndAreDeadLetteredWhenNoneIsLeft() throws Exception {
        List<Frame> frames = stream("dev-a", 50, 0);
        Frame heldBack = frames.get(29); // [5.8 s, 6.0 s): belongs to [0,6) [2,8) [4,10)
        Frame veryLate = frame("dev-a", 100, T0 + 1_000_000, false,
                TestFrames.signal("dev-a", 50, FRAME_STEPS), RATE); // [1.0, 1.2): windows ending 2, 4, 6 s
        try (var h = harness("")) {
            for (Frame f : frames.subList(0, 40)) {
                if (f != heldBack) {
                    process(h, f);
                }
            }
            // the watermark is now at 7.3 s: [0,6) has fired without frame 29, [2,8) and [4,10) have not
            assertThat(starts(h.extractOutputValues(), "dev-a")).containsExactly(T0);
            process(h, heldBack);
            process(h, veryLate);
            feed(h, frames.subList(40, 50));
            h.processWatermark(new Watermark(Long.MAX_VALUE));

            List<DeviceWindow> windows = h.extractOutputValues();
            assertThat(starts(windows, "dev-a")).containsExactly(T0, T0 + 2_000_000, T0 + 4_000_000);
            List<Frame> withoutHeld = new ArrayList<>(frames);
            withoutHeld.remove(heldBack);
            // [0,6) was cut without the held-back frame (its 0.2 s tail filled), the later two with it
            assertThat(windows.get(0).samples()).isDeepEqualTo(expected(withoutHeld, T0));
            assertThat(windows.get(1).samples()).isDeepEqualTo(expected(frames, T0 + 2_000_000));
            assertThat(windows.get(2).samples()).isDeepEqualTo(expected(frames, T0 + 4_000_000));

            List<Rejection> dead = values(h.getSideOutput(SideOutputs.REJECTIONS));
            assertThat(dead).singleElement().satisfies(r -> {
                assertThat(r.reason()).isEqualTo("LATE");
                assertThat(r.source().offset()).isEqualTo(veryLate.source().offset());
                assertThat(r.source().value()).isEqualTo(veryLate.source().value());
                assertThat(r.detail()).contains("'dev-a' #100").contains("every window it belongs to has fired");
            });
        }
    }

    @Test
    void layoutReferencesMustResolveToALayoutOfTheSameWidth() throws Exception {
        float[][] six = TestFrames.signal("dev-a", 0, FRAME_STEPS);
        Frame refFirst = frame("dev-a", 0, T0, false, six, RATE);
        Frame inline = frame("dev-a", 1, T0 + FRAME_MICROS, true, six, RATE);
        float[][] three = {six[0], six[1], six[2]};
        Frame narrow = frame("dev-a", 2, T0 + 2 * FRAME_MICROS, false, three, RATE);
        try (var h = harness("")) {
            process(h, refFirst);
            process(h, inline);
            process(h, narrow);
            List<Rejection> dead = values(h.getSideOutput(SideOutputs.REJECTIONS));
            assertThat(dead).extracting(Rejection::reason).containsExactly("UNKNOWN_LAYOUT", "INVALID_RECORD");
            assertThat(dead.get(0).detail()).contains("'waist-imu-v1' was never sent inline");
            assertThat(dead.get(0).source().offset()).isEqualTo(refFirst.source().offset());
            assertThat(dead.get(0).source().value()).isEqualTo(refFirst.source().value());
            assertThat(dead.get(1).detail()).contains("3 channels but layout 'waist-imu-v1' has 6");
        }
    }

    @Test
    void aRateChangeInsideAWindowRejectsIt() throws Exception {
        List<Frame> frames = new ArrayList<>(stream("dev-a", 30, 0)); // 6 s at 50 Hz
        for (int i = 0; i < 15; i++) { // then 6 s at 25 Hz, 0.4 s frames of 10 samples
            frames.add(frame("dev-a", 30 + i, T0 + 6_000_000 + i * 400_000L, false,
                    TestFrames.signal("dev-a", 300 + i * 10L, FRAME_STEPS), 25));
        }
        try (var h = harness("")) {
            feed(h, frames);
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(starts(h.extractOutputValues(), "dev-a")).containsExactly(T0, T0 + 6_000_000);
            assertThat(values(h.getSideOutput(SideOutputs.REJECTED_WINDOWS)))
                    .filteredOn(r -> r.startMicros() == T0 + 2_000_000 || r.startMicros() == T0 + 4_000_000)
                    .extracting(RejectedWindow::category).containsExactly("RATE_CHANGED", "RATE_CHANGED");
        }
    }

    @Test
    void bufferedFramesLayoutsAndTimersSurviveACheckpointRestore() throws Exception {
        List<Frame> frames = stream("dev-a", 50, 0);
        List<DeviceWindow> uninterrupted = run(frames);
        OperatorSubtaskState snapshot;
        List<DeviceWindow> out = new ArrayList<>();
        try (var h = harness("")) {
            feed(h, frames.subList(0, 27)); // mid-window, after the inline layout
            snapshot = h.snapshot(1, 1);
            out.addAll(h.extractOutputValues());
        }
        try (var restored = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DeviceWindower(GRID, 0.5, 0.8, "", BOUND_MILLIS, IDLE_MILLIS)), Frame::deviceId,
                Types.STRING)) {
            restored.initializeState(snapshot);
            restored.open();
            // the restored idle timer is long overdue: it must not close windows whose frames are still to come
            restored.setProcessingTime(60_000);
            assertThat(restored.extractOutputValues()).isEmpty();
            feed(restored, frames.subList(27, 50));
            restored.processWatermark(new Watermark(Long.MAX_VALUE));
            out.addAll(restored.extractOutputValues());
        }
        assertThat(out).hasSameSizeAs(uninterrupted);
        for (int i = 0; i < out.size(); i++) {
            assertThat(out.get(i).startMicros()).isEqualTo(uninterrupted.get(i).startMicros());
            assertThat(out.get(i).samples()).isDeepEqualTo(uninterrupted.get(i).samples());
        }
    }

    @Test
    void aDeviceWhoseClockRunsAheadMakesNoOtherDeviceLate() throws Exception {
        long ahead30s = 30_000_000L;
        long ahead10min = 600_000_000L;
        List<Frame> a = stream("dev-a", 50, 0);
        List<Frame> b = shifted(stream("dev-b", 50, 0), ahead30s);
        List<Frame> c = shifted(stream("dev-c", 50, 0), ahead10min);
        List<Frame> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            all.add(c.get(i)); // the skewed devices' frames first: with a global watermark a's would all be late
            all.add(b.get(i));
            all.add(a.get(i));
        }
        try (var h = harness("")) {
            feed(h, all);
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            List<DeviceWindow> windows = h.extractOutputValues();
            assertThat(values(h.getSideOutput(SideOutputs.REJECTIONS))).as("nothing dead-lettered").isEmpty();
            List<Long> clean = run(stream("dev-a", 50, 0)).stream().map(DeviceWindow::startMicros).toList();
            assertThat(clean).hasSize(3);
            assertThat(starts(windows, "dev-a")).containsExactlyElementsOf(clean);
            assertThat(starts(windows, "dev-b")).containsExactlyElementsOf(clean.stream().map(t -> t + ahead30s)
                    .toList());
            assertThat(starts(windows, "dev-c")).containsExactlyElementsOf(clean.stream().map(t -> t + ahead10min)
                    .toList());
            for (DeviceWindow w : windows) {
                List<Frame> own = w.deviceId().equals("dev-a") ? a : w.deviceId().equals("dev-b") ? b : c;
                assertThat(w.samples()).isDeepEqualTo(expected(own, w.startMicros()));
            }
        }
    }

    @Test
    void aSilentDevicesWindowsCloseAfterTheIdleTimeoutAndLaterFramesForThemAreLate() throws Exception {
        List<Frame> frames = stream("dev-a", 50, 0); // 10 s
        List<Long> all = run(frames).stream().map(DeviceWindow::startMicros).toList();
        try (var h = harness("")) {
            feed(h, frames.subList(0, 41));
            // its own clock (8.0 s - 0.5 s) has fired [0,6) only
            assertThat(starts(h.extractOutputValues(), "dev-a")).containsExactly(T0);
            h.setProcessingTime(5_000);
            feed(h, frames.subList(41, 50)); // still talking at 5 s: the idle clock restarts
            assertThat(starts(h.extractOutputValues(), "dev-a")).containsExactly(T0, T0 + 2_000_000);
            // Kafka has been read well past its frames (Kafka time 0): only the silence in processing time is missing
            h.processWatermark(new Watermark(IDLE_MILLIS));
            h.setProcessingTime(5_000 + IDLE_MILLIS - 1);
            assertThat(starts(h.extractOutputValues(), "dev-a")).containsExactly(T0, T0 + 2_000_000);
            // silent for the timeout: [4,10) closes without waiting for frames that would move its clock past 10 s
            h.setProcessingTime(5_000 + IDLE_MILLIS);
            assertThat(starts(h.extractOutputValues(), "dev-a")).containsExactlyElementsOf(all);
            // a frame of an already closed window is late, and opens nothing again
            process(h, frame("dev-a", 60, T0 + 9_000_000, false, TestFrames.signal("dev-a", 450, FRAME_STEPS),
                    RATE));
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(starts(h.extractOutputValues(), "dev-a")).containsExactlyElementsOf(all);
            assertThat(values(h.getSideOutput(SideOutputs.REJECTIONS))).singleElement()
                    .satisfies(r -> assertThat(r.reason()).isEqualTo("LATE"));
        }
    }

    @Test
    void aDeviceHeldUpInABacklogIsNotTakenForSilent() throws Exception {
        List<Frame> a = stream("dev-a", 41, 0); // [0, 8.2 s): its clock fires [0,6) only
        List<Long> all = run(stream("dev-a", 50, 0)).stream().map(DeviceWindow::startMicros).toList();
        try (var h = harness("")) {
            for (Frame f : a) {
                process(h, atKafkaTime(f, 1_000));
            }
            h.processWatermark(new Watermark(1_000)); // the topic has been read up to Kafka time 1 s
            assertThat(starts(h.extractOutputValues(), "dev-a")).containsExactly(T0);
            // the job is busy with a backlog (Kafka time stays at 1 s); dev-a's remaining frames are further back
            h.setProcessingTime(5_000);
            for (Frame f : stream("dev-b", 5, 0)) {
                process(h, atKafkaTime(f, 1_000));
            }
            h.setProcessingTime(IDLE_MILLIS + 2_000);
            assertThat(starts(h.extractOutputValues(), "dev-a")).as("silent, but only held up")
                    .containsExactly(T0);
            // the rest of dev-a arrives after all: nothing was closed early
            for (Frame f : stream("dev-a", 50, 0).subList(41, 50)) {
                process(h, atKafkaTime(f, 1_000));
            }
            assertThat(starts(h.extractOutputValues(), "dev-a")).containsExactly(T0, T0 + 2_000_000);
            // the topic is read the timeout past dev-a's last frame, but dev-a spoke 9 s ago: not yet
            h.setProcessingTime(IDLE_MILLIS + 11_000);
            process(h, atKafkaTime(stream("dev-b", 6, 0).get(5), 1_000 + IDLE_MILLIS));
            h.processWatermark(new Watermark(1_000 + IDLE_MILLIS));
            assertThat(starts(h.extractOutputValues(), "dev-a")).containsExactly(T0, T0 + 2_000_000);
            // silent for the timeout in processing time too: now its last windows close
            h.setProcessingTime(2 * IDLE_MILLIS + 2_000);
            assertThat(starts(h.extractOutputValues(), "dev-a")).containsExactlyElementsOf(all);
            assertThat(values(h.getSideOutput(SideOutputs.REJECTIONS))).isEmpty();
        }
    }

    private Frame atKafkaTime(Frame f, long kafkaMillis) {
        return TestFrames.decode(TestFrames.imuFrame(f.deviceId(), f.sequence(), f.startMicros(), f.rateHz(),
                f.samples(), f.inlineLayout() != null, f.sentMicros()), 0, offsets++, kafkaMillis);
    }

    private static List<Frame> shifted(List<Frame> frames, long micros) {
        List<Frame> out = new ArrayList<>();
        for (Frame f : frames) {
            out.add(TestFrames.decode(TestFrames.imuFrame(f.deviceId(), f.sequence(), f.startMicros() + micros,
                    f.rateHz(), f.samples(), f.inlineLayout() != null, f.sentMicros() + micros), f.source().offset()));
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------------

    private KeyedOneInputStreamOperatorTestHarness<String, Frame, DeviceWindow> harness(String deviceDescription)
            throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DeviceWindower(GRID, 0.5, 0.8, deviceDescription, BOUND_MILLIS,
                        IDLE_MILLIS)), Frame::deviceId, Types.STRING);
        h.open();
        h.setProcessingTime(0);
        return h;
    }

    private List<DeviceWindow> run(List<Frame> frames) throws Exception {
        try (var h = harness("")) {
            feed(h, frames);
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            return h.extractOutputValues().stream().sorted(Comparator.comparingLong(DeviceWindow::startMicros))
                    .collect(Collectors.toList());
        }
    }


    /** Each frame in turn (the job's only watermarks are of Kafka read progress: tests send them explicitly). */
    private void feed(KeyedOneInputStreamOperatorTestHarness<String, Frame, DeviceWindow> h, List<Frame> frames)
            throws Exception {
        for (Frame f : frames) {
            process(h, f);
        }
    }

    private void process(KeyedOneInputStreamOperatorTestHarness<String, Frame, DeviceWindow> h, Frame f)
            throws Exception {
        h.processElement(new StreamRecord<>(f, f.timestampMillis()));
    }

    private List<Frame> stream(String device, int count, long firstSequence) {
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long seq = firstSequence + i;
            frames.add(frame(device, seq, T0 + seq * FRAME_MICROS, seq == firstSequence,
                    TestFrames.signal(device, seq * FRAME_STEPS, FRAME_STEPS), RATE));
        }
        return frames;
    }

    private Frame frame(String device, long seq, long start, boolean inline, float[][] samples, double rate) {
        ImuFrame f = TestFrames.imuFrame(device, seq, start, rate, samples, inline,
                start + Math.round(samples[0].length * 1e6 / rate));
        return TestFrames.decode(f, offsets++);
    }

    /** The window the shared rule cuts from the frames, in canonical units (acc g -> m/s^2) as the job must give. */
    private static float[][] expected(List<Frame> frames, long start) {
        List<SampleFrame> sf = frames.stream().map(Frame::toSampleFrame).collect(Collectors.toList());
        WindowAssembler.Result r = RULE.assemble(sf, start);
        assertThat(r.ok()).as("rule rejects window at %d: %s", start, r.rejection()).isTrue();
        float g = (float) Units.toCanonical(SensorKind.ACCELEROMETER, "g");
        float[][] s = r.samples();
        for (int c = 0; c < 3; c++) {
            for (int t = 0; t < s[c].length; t++) {
                s[c][t] *= g;
            }
        }
        return s;
    }

    private static List<Long> starts(List<DeviceWindow> windows, String device) {
        return windows.stream().filter(w -> w.deviceId().equals(device)).map(DeviceWindow::startMicros)
                .collect(Collectors.toList());
    }

    private static <T> List<T> values(java.util.Collection<StreamRecord<T>> records) {
        List<T> out = new ArrayList<>();
        if (records != null) {
            records.forEach(r -> out.add(r.getValue()));
        }
        return out;
    }
}
