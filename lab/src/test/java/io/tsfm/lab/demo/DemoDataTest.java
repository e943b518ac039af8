package io.tsfm.lab.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.core.runtime.ModelBundle;
import io.tsfm.datasets.DataRoot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class DemoDataTest {

    /** A test set is played as the benchmark evaluates it: MotionSense's gravity and attitude channels stay out. */
    @Test
    void motionSenseIsPlayedWithItsAccelerometerAndGyroscopeOnly() throws Exception {
        DataRoot root = DataRoot.resolve();
        Assumptions.assumeTrue(root.locate("motionsense").isPresent(), "motionsense not under " + root);
        ModelBundle bundle = ModelBundle.open(Path.of("..", "models", "tsfm-micro").toAbsolutePath().normalize());
        DemoData d = DemoData.load(root, "motionsense", bundle, 12, 7);
        assertThat(d.sessions()).hasSizeGreaterThan(300);
        for (Session s : d.sessions()) {
            assertThat(s.channels()).hasSize(6).allMatch(c -> c.kind() == SensorKind.ACCELEROMETER
                    || c.kind() == SensorKind.GYROSCOPE);
        }
        assertThat(d.labels()).containsExactly("jogging", "sitting", "standing", "walking", "walking_downstairs",
                "walking_upstairs");
    }

    /**
     * The play order spreads every activity over the whole list: any sixth of it holds each label within 3 of its
     * share (MotionSense's counts: 72 trials of each walking kind, 48 of the others). A plain shuffle misses that
     * bound somewhere along such a list; a short demo would then play a run of one activity.
     */
    @Test
    void thePlayOrderHoldsEveryActivityInItsShareAlongTheWholeList() {
        Map<String, Integer> counts = Map.of("walking", 72, "walking_upstairs", 72, "walking_downstairs", 72,
                "jogging", 48, "sitting", 48, "standing", 48);
        List<Session> sessions = new ArrayList<>();
        counts.forEach((label, n) -> {
            for (int i = 0; i < n; i++) sessions.add(session(label + "-" + i, label));
        });
        for (long seed = 1; seed <= 5; seed++) {
            List<Session> order = DemoData.spread(sessions, new Random(seed));
            assertThat(new HashSet<>(order)).containsExactlyInAnyOrderElementsOf(sessions);
            int window = order.size() / 6;
            for (int start = 0; start + window <= order.size(); start++) {
                Map<String, Integer> seen = new HashMap<>();
                order.subList(start, start + window).forEach(s -> seen.merge(s.label(), 1, Integer::sum));
                for (Map.Entry<String, Integer> e : counts.entrySet()) {
                    double expected = e.getValue() / 6.0;
                    assertThat(seen.getOrDefault(e.getKey(), 0).doubleValue())
                            .as("seed %d, sessions %d..%d, %s", seed, start, start + window, e.getKey())
                            .isBetween(expected - 3, expected + 3);
                }
            }
            assertThat(DemoData.spread(sessions, new Random(seed))).isEqualTo(order);
        }
    }

    private static Session session(String id, String label) {
        return new Session(id, "fixture", "s1", label, 50, List.of(), new float[0][], "fixture");
    }
}
