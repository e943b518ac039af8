package io.tsfm.lab.replay;

import io.tsfm.core.data.Session;
import io.tsfm.edge.frame.DeviceFrame;
import io.tsfm.edge.source.Pacer;
import io.tsfm.edge.testing.Hapt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Real HAPT sessions dealt to devices and replayed as continuous frame streams. */
class DatasetReplaySourceTest {
    private static final long START = 1_700_000_000_000_000L;

    @Test
    void devicesPlayTheirSessionsBackToBackInEventTimeOrder() throws Exception {
        List<Session> sessions = Hapt.dataset().sessions().subList(0, 6);
        List<DeviceFrame> frames = new ArrayList<>();
        long t0 = System.nanoTime();
        try (DatasetReplaySource source = DatasetReplaySource.builder().setSessions(sessions).optDevices(3)
                .optStartMicros(START).optPacer(Pacer.of(100)).optMaxSeconds(10).build()) {
            for (DeviceFrame f; (f = source.next()) != null; ) frames.add(f);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        assertThat(wall).as("10 s of event time at 100x real time").isGreaterThanOrEqualTo(0.09);
        assertThat(frames).hasSize(3 * 50);
        for (int i = 1; i < frames.size(); i++) {
            assertThat(frames.get(i).endMicros()).isGreaterThanOrEqualTo(frames.get(i - 1).endMicros());
        }
        Map<String, List<DeviceFrame>> byDevice = new HashMap<>();
        frames.forEach(f -> byDevice.computeIfAbsent(f.deviceId(), d -> new ArrayList<>()).add(f));
        assertThat(byDevice).containsOnlyKeys("device-0", "device-1", "device-2");

        // device 1 plays sessions 1 and 4: its samples are session 1's, then session 4's, without a hole
        List<DeviceFrame> d1 = byDevice.get("device-1");
        float[] expected = concat(sessions.get(1).samples()[0], sessions.get(4).samples()[0], 500);
        float[] got = new float[500];
        int n = 0;
        for (int k = 0; k < d1.size(); k++) {
            DeviceFrame f = d1.get(k);
            assertThat(f.sequence()).isEqualTo(k);
            assertThat(f.startMicros()).isEqualTo(START + n * 20_000L);
            System.arraycopy(f.samples()[0], 0, got, n, f.length());
            n += f.length();
        }
        assertThat(n).isEqualTo(500);
        assertThat(got).containsExactly(expected);
    }

    private static float[] concat(float[] a, float[] b, int n) {
        float[] out = new float[n];
        int fromA = Math.min(a.length, n);
        System.arraycopy(a, 0, out, 0, fromA);
        System.arraycopy(b, 0, out, fromA, n - fromA);
        return out;
    }
}
