package io.tsfm.datasets.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.Dataset;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealWorldReaderTest {
    private static final long T0 = 1_435_000_000_000L;

    /**
     * A sensor CSV: {@code n} rows from {@code startMs} (after T0) every ~20 ms with jitter; x = scale·t(s),
     * y = -scale, z = 0.5.
     */
    private static String csv(int n, long startMs, double scale) {
        StringBuilder b = new StringBuilder("\"id\",\"attr_time\",\"attr_x\",\"attr_y\",\"attr_z\"\n");
        for (int i = 0; i < n; i++) {
            long t = startMs + 20L * i + (i % 2 == 0 ? 0 : 3);
            b.append(String.format(Locale.ROOT, "%d,%d,%.6f,%.3f,0.5%n", i + 1, T0 + t, scale * t / 1000.0, -scale));
        }
        return b.toString();
    }

    @Test
    void mergesTheWaistSensorsOfEachRecordingOntoA50HzGrid(@TempDir Path root) throws Exception {
        String data = "realworld2016_dataset/proband1/data/";
        SeedFixtures.writeZip(root.resolve(data + "acc_walking_csv.zip"), Map.of(
                "acc_walking_chest.csv", csv(60, 0, 99),
                "acc_walking_waist.csv", csv(60, 0, 1)));
        SeedFixtures.writeZip(root.resolve(data + "gyr_walking_csv.zip"), Map.of(
                "Gyroscope_walking_waist.csv", csv(60, 7, 2)));
        SeedFixtures.writeZip(root.resolve(data + "mag_walking_csv.zip"), Map.of(
                "MagneticField_walking_waist.csv", csv(60, 13, 3)));
        // proband 2 climbed stairs in two parts, recorded with the accelerometer only
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("acc_climbingup_2_waist.csv", csv(11, 0, 1));
        parts.put("acc_climbingup_3_waist.csv", csv(6, 5000, 1));
        SeedFixtures.writeZip(root.resolve("realworld2016_dataset/proband2/data/acc_climbingup_csv.zip"), parts);

        Dataset d = SeedFixtures.read(new RealWorldReader(), root);
        assertThat(SeedFixtures.errors(d)).isEmpty();
        assertThat(d.sessions()).extracting(Session::id).containsExactly(
                "proband01_walking_1", "proband02_climbingup_2", "proband02_climbingup_3");
        Session walk = d.sessions().get(0);
        assertThat(walk.label()).isEqualTo("walking");
        assertThat(walk.subject()).isEqualTo("1");
        assertThat(walk.rateHz()).isEqualTo(50.0);
        assertThat(walk.channels()).extracting(Channel::name).containsExactly(
                "acc_x", "acc_y", "acc_z", "gyro_x", "gyro_y", "gyro_z", "mag_x", "mag_y", "mag_z");
        // common span: from the latest start (13 ms) to the earliest end (acc: 1183 ms) -> 59 grid points
        assertThat(walk.length()).isEqualTo(59);
        float[] accX = SeedFixtures.channel(walk, "acc_x");
        float[] gyroX = SeedFixtures.channel(walk, "gyro_x");
        float[] magX = SeedFixtures.channel(walk, "mag_x");
        for (int k = 0; k < walk.length(); k += 7) {
            double t = 0.013 + k / 50.0;
            assertThat(accX[k]).isCloseTo((float) t, within(1e-4f));
            assertThat(gyroX[k]).isCloseTo((float) (2 * t), within(1e-4f));
            assertThat(magX[k]).isCloseTo((float) (3 * t), within(1e-4f));
        }
        assertThat(SeedFixtures.channel(walk, "acc_y")[0]).isEqualTo(-1f);
        assertThat(walk.channels().get(6).description()).isEqualTo("Magnetometer X-axis (waist)");

        Session part2 = d.sessions().get(1);
        assertThat(part2.label()).isEqualTo("stairs_up");
        assertThat(part2.numChannels()).isEqualTo(3);
        assertThat(part2.length()).isEqualTo(11);
        assertThat(d.sessions().get(2).length()).isEqualTo(6);
        assertThat(d.problems()).filteredOn(p -> p.message().contains("session holds [acc] only"))
                .extracting(ReadProblem::file).containsExactly(
                        "realworld2016_dataset/proband2/data/acc_climbingup_csv.zip!acc_climbingup_2_waist.csv",
                        "realworld2016_dataset/proband2/data/acc_climbingup_csv.zip!acc_climbingup_3_waist.csv");
    }

    @Test
    void aBadRowIsLeftOutAndReportedTheRecordingStillReads(@TempDir Path root) throws Exception {
        String data = "proband3/data/";
        String acc = csv(30, 0, 1).replace(String.format(Locale.ROOT, "5,%d,", T0 + 80), "5,12:00,");
        SeedFixtures.writeZip(root.resolve(data + "acc_sitting_csv.zip"), Map.of("acc_sitting_waist.csv", acc));
        SeedFixtures.writeZip(root.resolve(data + "gyr_sitting_csv.zip"), Map.of("Gyroscope_sitting_chest.csv",
                csv(30, 0, 1)));
        Dataset d = SeedFixtures.read(new RealWorldReader(), root);

        List<ReadProblem> errors = SeedFixtures.errors(d);
        assertThat(errors).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("proband3/data/acc_sitting_csv.zip!acc_sitting_waist.csv");
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.column()).isEqualTo(2);
            assertThat(p.message()).contains("12:00");
        });
        assertThat(d.problems()).anyMatch(p -> p.file().equals("proband3/data/gyr_sitting_csv.zip")
                && p.message().contains("no *_waist.csv"));
        Session sitting = d.sessions().get(0);
        assertThat(sitting.label()).isEqualTo("sitting");
        // 29 of 30 rows read; the grid still spans the whole recording and bridges the missing row
        assertThat(sitting.length()).isEqualTo(30);
        assertThat(SeedFixtures.channel(sitting, "acc_x")[4]).isCloseTo(0.08f, within(1e-4f));
    }
}
