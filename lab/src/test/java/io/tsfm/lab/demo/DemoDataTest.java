package io.tsfm.lab.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.core.runtime.ModelBundle;
import io.tsfm.datasets.DataRoot;
import java.nio.file.Path;
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
}
