package io.tsfm.datasets.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.catalog.DatasetCatalog;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Evaluation windows keep a recording's accelerometer and gyroscope channels only (spec §1.5 core channels). */
class DatasetWindowsTest {

    @Test
    void motionSenseIsEvaluatedOnItsUserAccelerationAndRotationRateOnly() throws Exception {
        DataRoot root = DataRoot.resolve();
        Assumptions.assumeTrue(root.locate("motionsense").isPresent(), "motionsense not under " + root);
        Dataset d = DatasetCatalog.load(root).read("motionsense", root);
        // the recording also carries the gravity unit vector and the attitude angles
        assertThat(d.sessions().get(0).channels()).extracting(Channel::kind).contains(SensorKind.OTHER).hasSize(12);
        List<DatasetWindows.Labeled> windows = DatasetWindows.of(d, 1.0);
        assertThat(windows).hasSizeGreaterThan(3000);
        for (DatasetWindows.Labeled w : windows) {
            assertThat(w.window().channelDescriptions()).hasSize(6);
            assertThat(w.window().samples()).hasNumberOfRows(6);
        }
        assertThat(windows.get(0).window().channelDescriptions().get(0)).contains("User acceleration X-axis");
        assertThat(windows.get(0).window().channelDescriptions().get(5)).contains("Rotation rate Z-axis");
    }

    @Test
    void aSessionKeepsItsOwnRowsAndOneWithoutMotionChannelsIsRefused() {
        List<Channel> channels = List.of(Channel.of("acc_x", SensorKind.ACCELEROMETER, "x", "pocket"),
                Channel.of("gravity_x", SensorKind.OTHER, "x", "pocket"),
                Channel.of("gyro_x", SensorKind.GYROSCOPE, "x", "pocket"));
        Session s = new Session("s1", "demo", "1", "walking", 50, channels,
                new float[][] {{1f, 2f}, {3f, 4f}, {5f, 6f}}, "s1.csv lines 2-3");
        Session core = CoreChannels.of(s);
        assertThat(core.channels()).extracting(Channel::name).containsExactly("acc_x", "gyro_x");
        assertThat(core.samples()).isDeepEqualTo(new float[][] {{1f, 2f}, {5f, 6f}});
        Session accGyro = new Session("s2", "demo", "1", "walking", 50, List.of(channels.get(0), channels.get(2)),
                new float[][] {{1f}, {2f}}, "");
        assertThat(CoreChannels.of(accGyro)).isSameAs(accGyro);
        Session none = new Session("s3", "demo", "1", "sitting", 50, List.of(channels.get(1)), new float[][] {{1f}},
                "s3.csv lines 2-2");
        assertThatThrownBy(() -> CoreChannels.of(none))
                .hasMessage("demo/s3 (s3.csv lines 2-2): no accelerometer or gyroscope channel to evaluate");
    }
}
