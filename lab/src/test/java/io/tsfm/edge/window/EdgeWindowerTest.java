package io.tsfm.edge.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.core.window.WindowGrid;
import io.tsfm.edge.frame.DeviceFrame;
import io.tsfm.edge.frame.DeviceLayout;
import io.tsfm.lab.replay.DatasetReplaySource;
import io.tsfm.edge.source.Pacer;
import io.tsfm.edge.testing.Hapt;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** On-device windows from a real HAPT walking recording, on the job's 6 s / 2 s grid. */
class EdgeWindowerTest {
    private static final WindowGrid GRID = WindowGrid.ofMillis(6000, 2000);
    /** A grid-aligned start, so window k holds samples [100k - 300 + 100, ...) of the session. */
    private static final long START = 1_700_000_000_000_000L;

    private static List<DeviceFrame> replay(Session s, double seconds) throws Exception {
        try (DatasetReplaySource source = DatasetReplaySource.builder().setSessions(List.of(s)).optPacer(Pacer.unpaced())
                .optStartMicros(START).optFrameSeconds(0.2).optMaxSeconds(seconds).build()) {
            List<DeviceFrame> frames = new ArrayList<>();
            for (DeviceFrame f; (f = source.next()) != null; ) frames.add(f);
            return frames;
        }
    }

    @Test
    void completeFramesGiveTheRecordingsSamplesExactly() throws Exception {
        Session walk = Hapt.longer("walking", 20);
        assertThat(walk.durationSeconds()).isGreaterThan(20);
        List<DeviceFrame> frames = replay(walk, 20);
        assertThat(frames).hasSize(100);
        EdgeWindower windower = new EdgeWindower(GRID, 0.5, 0.8);
        List<EdgeWindow> windows = new ArrayList<>();
        for (DeviceFrame f : frames) windows.addAll(windower.accept(f, 1));
        int beforeFlush = windows.size();
        windows.addAll(windower.flush());
        // windows ending at START+2s .. START+20s+4s: every grid end whose window overlaps [START, START+20s)
        assertThat(windows).extracting(EdgeWindow::endMicros)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 12).map(k -> START + k * 2_000_000L).boxed().toList());
        assertThat(beforeFlush).as("windows completed while frames kept coming").isEqualTo(9);
        for (EdgeWindow w : windows) {
            long end = (w.endMicros() - START) / 1_000_000L;
            if (end < 6 || end > 20) {
                // windows sticking out of the recording: under 80 % coverage, rejected by the shared rule
                assertThat(w.ok()).as("window ending at %d s", end).isFalse();
                assertThat(w.rejection()).contains("coverage");
                continue;
            }
            assertThat(w.ok()).as("window ending at %d s: %s", end, w.rejection()).isTrue();
            int from = (int) ((end - 6) * 50);
            for (int c = 0; c < walk.numChannels(); c++) {
                float[] expected = java.util.Arrays.copyOfRange(walk.samples()[c], from, from + 300);
                assertThat(w.samples()[c]).as("window ending at %d s, channel %d", end, c).containsExactly(expected);
            }
            assertThat(w.windowId()).isEqualTo("device-0@" + w.startMicros());
            assertThat(w.layout().descriptions()).containsExactlyElementsOf(walk.channels().stream().map(Channel::description).toList());
        }
    }

    @Test
    void shortGapsAreFilledAndLongOnesRejectTheWindow() throws Exception {
        Session walk = Hapt.longer("walking", 20);
        List<DeviceFrame> frames = new ArrayList<>(replay(walk, 20));
        // one lost frame (0.2 s) inside [6 s, 12 s); three consecutive (0.6 s > 0.5 s) inside [14 s, 20 s)
        frames.remove(45);
        frames.removeIf(f -> f.sequence() >= 85 && f.sequence() < 88);
        EdgeWindower windower = new EdgeWindower(GRID, 0.5, 0.8);
        List<EdgeWindow> windows = new ArrayList<>();
        for (DeviceFrame f : frames) windows.addAll(windower.accept(f, 1));
        windows.addAll(windower.flush());
        EdgeWindow filled = windows.stream().filter(w -> w.endMicros() == START + 12_000_000L).findFirst().orElseThrow();
        assertThat(filled.ok()).isTrue();
        int slot = 45 * 10 - 300; // first missing sample's slot in the window starting at 6 s
        float before = walk.samples()[0][449];
        float after = walk.samples()[0][460];
        assertThat(filled.samples()[0][slot]).isCloseTo(before + (after - before) / 11, org.assertj.core.data.Offset.offset(1e-5f));
        EdgeWindow gap = windows.stream().filter(w -> w.endMicros() == START + 20_000_000L).findFirst().orElseThrow();
        assertThat(gap.ok()).isFalse();
        assertThat(gap.rejection()).contains("gap of 30 missing samples");
    }

    @Test
    void duplicatesAreIgnoredLayoutChangesRejectedLateFramesCounted() {
        DeviceLayout a = DeviceLayout.of(List.of(Channel.of("acc_x", SensorKind.ACCELEROMETER, "x", "wrist")));
        DeviceLayout b = DeviceLayout.of(List.of(Channel.of("acc_x", SensorKind.ACCELEROMETER, "x", "ankle")));
        assertThat(a.layoutId()).isNotEqualTo(b.layoutId());
        EdgeWindower windower = new EdgeWindower(WindowGrid.ofMillis(1000, 1000), 0.1, 0.8);
        List<EdgeWindow> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            DeviceFrame f = frame(a, i, START + i * 100_000L, i);
            out.addAll(windower.accept(f, 1));
            if (i == 3) out.addAll(windower.accept(f, 1)); // the same frame again
        }
        // second window: layout b from 1.5 s on
        for (int i = 10; i < 20; i++) out.addAll(windower.accept(frame(i < 15 ? a : b, i, START + i * 100_000L, i), 1));
        out.addAll(windower.accept(frame(a, 20, START + 500_000L, 99), 1)); // late: its window has completed
        out.addAll(windower.flush());
        assertThat(out).hasSize(2);
        assertThat(out.get(0).ok()).isTrue();
        assertThat(out.get(0).duplicateFrames()).isEqualTo(1);
        assertThat(out.get(0).samples()[0]).containsExactly(0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3,
                4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6, 7, 7, 7, 7, 7, 8, 8, 8, 8, 8, 9, 9, 9, 9, 9);
        assertThat(out.get(1).ok()).isFalse();
        assertThat(out.get(1).rejection()).startsWith("layout changed inside the window");
        assertThat(windower.lateFrames()).isEqualTo(1);
    }

    private static DeviceFrame frame(DeviceLayout layout, long seq, long start, float value) {
        float[][] s = new float[1][5];
        java.util.Arrays.fill(s[0], value);
        return new DeviceFrame("d", seq, start, 50, s, layout);
    }
}
