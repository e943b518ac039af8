package io.tsfm.datasets.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.core.data.Units;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetRole;
import io.tsfm.datasets.catalog.DatasetCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MotionSenseReaderTest {
    private static final String HEADER = ",attitude.roll,attitude.pitch,attitude.yaw,gravity.x,gravity.y,gravity.z,"
            + "rotationRate.x,rotationRate.y,rotationRate.z,userAcceleration.x,userAcceleration.y,userAcceleration.z\n";

    private static String file(int rows, String insertAfterRow1) {
        StringBuilder b = new StringBuilder(HEADER);
        for (int i = 0; i < rows; i++) {
            b.append(i).append(",1.5,-0.5,0.25,0.0,-1.0,0.0,0.1,0.2,").append(0.3 + i).append(",0.5,-0.25,")
                    .append(0.01 * i).append('\n');
            if (i == 0 && insertAfterRow1 != null) b.append(insertAfterRow1).append('\n');
        }
        return b.toString();
    }

    @Test
    void readsOneSessionPerTrialFile(@TempDir Path root) throws Exception {
        SeedFixtures.write(root, "A_DeviceMotion_data/wlk_7/sub_1.csv", file(4, null));
        SeedFixtures.write(root, "A_DeviceMotion_data/dws_11/sub_12.csv", file(3, null));
        Dataset d = SeedFixtures.read(new MotionSenseReader(), root);

        assertThat(d.sessions()).extracting(Session::id).containsExactly("sub01_wlk_7_0", "sub12_dws_11_0");
        Session walk = d.sessions().get(0);
        assertThat(walk.label()).isEqualTo("walking");
        assertThat(walk.subject()).isEqualTo("1");
        assertThat(walk.rateHz()).isEqualTo(50.0);
        assertThat(walk.length()).isEqualTo(4);
        assertThat(walk.channels()).extracting(Channel::name).containsExactly("acc_x", "acc_y", "acc_z",
                "gyro_x", "gyro_y", "gyro_z", "gravity_x", "gravity_y", "gravity_z",
                "attitude_roll", "attitude_pitch", "attitude_yaw");
        assertThat(SeedFixtures.channel(walk, "acc_x")[0]).isCloseTo((float) (0.5 * Units.G), within(1e-5f));
        assertThat(SeedFixtures.channel(walk, "acc_y")[0]).isCloseTo((float) (-0.25 * Units.G), within(1e-5f));
        assertThat(SeedFixtures.channel(walk, "acc_z")[3]).isCloseTo((float) (0.03 * Units.G), within(1e-5f));
        assertThat(SeedFixtures.channel(walk, "gyro_z")[2]).isCloseTo(2.3f, within(1e-6f));
        assertThat(SeedFixtures.channel(walk, "gravity_y")[0]).isEqualTo(-1.0f);
        assertThat(SeedFixtures.channel(walk, "attitude_roll")[0]).isEqualTo(1.5f);
        Channel gravity = walk.channels().get(6);
        assertThat(gravity.kind()).isEqualTo(SensorKind.OTHER);
        assertThat(gravity.unit()).isEqualTo("g");
        assertThat(walk.channels().get(0).unit()).isEqualTo("m/s^2");
        assertThat(d.sessions().get(1).label()).isEqualTo("walking_downstairs");

        assertThat(d.manifest().role()).isEqualTo(DatasetRole.ZERO_SHOT);
        assertThat(d.manifest().subjects()).isEqualTo(2);
        assertThat(d.manifest().sourceUnits()).containsEntry(SensorKind.ACCELEROMETER, "g");
        assertThat(d.problems()).isEmpty();
    }

    @Test
    void truncatedRowIsReportedAndTheFileStillReads(@TempDir Path root) throws Exception {
        SeedFixtures.write(root, "A_DeviceMotion_data/jog_9/sub_3.csv", file(5, "1,1.5,-0.5,0.25,0.0,-1.0"));
        SeedFixtures.write(root, "A_DeviceMotion_data/std_6/sub_3.csv", file(2, null));
        SeedFixtures.write(root, "A_DeviceMotion_data/xyz_6/sub_3.csv", file(2, null));
        Dataset d = SeedFixtures.read(new MotionSenseReader(), root);

        List<ReadProblem> errors = SeedFixtures.errors(d);
        assertThat(errors).hasSize(2);
        ReadProblem truncated = errors.stream().filter(p -> p.file().endsWith("jog_9/sub_3.csv")).findFirst()
                .orElseThrow();
        assertThat(truncated.line()).isEqualTo(3);
        assertThat(truncated.column()).isEqualTo(11); // userAcceleration.x, the first channel read
        assertThat(truncated.message()).contains("truncated");
        assertThat(errors).anyMatch(p -> p.file().endsWith("xyz_6/sub_3.csv") && p.message().contains("xyz"));
        // the jog file is split around the bad row: 1 row before, 4 after; the standing file is untouched
        assertThat(d.sessions()).extracting(Session::id, Session::length).containsExactly(
                org.assertj.core.groups.Tuple.tuple("sub03_jog_9_0", 1),
                org.assertj.core.groups.Tuple.tuple("sub03_jog_9_1", 4),
                org.assertj.core.groups.Tuple.tuple("sub03_std_6_0", 2));
    }

    @Test
    void readsThePublishedZipThroughTheCatalog(@TempDir Path root) throws Exception {
        SeedFixtures.writeZip(root.resolve("motionsense.zip"),
                Map.of("A_DeviceMotion_data/ups_3/sub_24.csv", file(3, null)));
        Dataset d = DatasetCatalog.load().read("motionsense", DataRoot.of(root));
        assertThat(d.sessions()).singleElement().satisfies(s -> {
            assertThat(s.label()).isEqualTo("walking_upstairs");
            assertThat(s.subject()).isEqualTo("24");
        });
    }
}
