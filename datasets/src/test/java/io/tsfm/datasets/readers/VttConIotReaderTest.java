package io.tsfm.datasets.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.Session;
import io.tsfm.core.data.Units;
import io.tsfm.datasets.Dataset;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VttConIotReaderTest {
    private static final String[] PLACES = {"trousers", "back", "hand"};

    private static String header() {
        StringBuilder b = new StringBuilder();
        for (String p : PLACES) {
            for (String s : new String[] {"A%s_g", "G%s_dps", "M%s_uT"}) {
                for (String a : new String[] {"x", "y", "z"}) {
                    if (b.length() > 0) b.append(',');
                    b.append(p).append('_').append(String.format(s, a));
                }
            }
            b.append(',').append(p).append("_P_mBar");
        }
        return b.append('\n').toString();
    }

    /** Row {@code i}: trousers Ax = i/100 g (linear in time), Az = 1 g, Gz = 90 dps, Mx = 40 uT; other IMUs 7. */
    private static String row(int i) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%.4f,0,1,0,0,90,40,0,0,1010", i / 100.0));
        for (int k = 0; k < 20; k++) b.append(",7");
        return b.append('\n').toString();
    }

    private static String file(int rows) {
        StringBuilder b = new StringBuilder(header());
        for (int i = 0; i < rows; i++) b.append(row(i));
        return b.toString();
    }

    @Test
    void readsTheHipImuOfEachActivityFileAt50Hz(@TempDir Path root) throws Exception {
        SeedFixtures.write(root, "VTT_ConIot_Dataset/IMU/activity_9_user_3_combined.csv", file(21));
        SeedFixtures.write(root, "VTT_ConIot_Dataset/IMU/activity_15_user_12_combined.csv", file(10));
        Dataset d = SeedFixtures.read(new VttConIotReader(), root);

        assertThat(d.problems()).isEmpty();
        assertThat(d.sessions()).extracting(Session::id).containsExactly(
                "user03_activity09_laying_back_0", "user12_activity15_climbing_ladder_0");
        Session lying = d.sessions().get(0);
        assertThat(lying.subject()).isEqualTo("3");
        assertThat(lying.rateHz()).isEqualTo(50.0);
        // 21 rows at 100 Hz span 0.2 s: 11 samples at 50 Hz, every other row
        assertThat(lying.length()).isEqualTo(11);
        assertThat(lying.channels()).extracting(Channel::name).containsExactly(
                "acc_x", "acc_y", "acc_z", "gyro_x", "gyro_y", "gyro_z", "mag_x", "mag_y", "mag_z");
        float[] accX = SeedFixtures.channel(lying, "acc_x");
        for (int k = 0; k < 11; k++) assertThat(accX[k]).isCloseTo((float) (0.02 * k * Units.G), within(1e-4f));
        assertThat(SeedFixtures.channel(lying, "acc_z")[3]).isCloseTo((float) Units.G, within(1e-5f));
        assertThat(SeedFixtures.channel(lying, "gyro_z")[5]).isCloseTo((float) (Math.PI / 2), within(1e-5f));
        assertThat(SeedFixtures.channel(lying, "mag_x")[0]).isEqualTo(40f);
        assertThat(lying.channels().get(3).description()).isEqualTo("Gyroscope X-axis (hip)");
        assertThat(lying.channels().get(3).unit()).isEqualTo("rad/s");
        assertThat(d.sessions().get(1).label()).isEqualTo("climbing_ladder");
        assertThat(d.manifest().subjects()).isEqualTo(2);
    }

    @Test
    void badRowAndBadFilesAreReportedTheRestReads(@TempDir Path root) throws Exception {
        String rows = file(5) + row(5).replaceFirst(",0,", ",--,") + file(7).substring(header().length());
        SeedFixtures.write(root, "activity_13_user_1_combined.csv", rows);
        SeedFixtures.write(root, "activity_17_user_1_combined.csv", file(3));
        SeedFixtures.write(root, "activity_16_user_2_combined.csv",
                header().replace("trousers_Gy_dps", "trousers_Gy_rpm") + row(0));
        Dataset d = SeedFixtures.read(new VttConIotReader(), root);

        List<ReadProblem> errors = SeedFixtures.errors(d);
        assertThat(errors).extracting(ReadProblem::file, ReadProblem::line, ReadProblem::column).containsExactly(
                Tuple.tuple("activity_13_user_1_combined.csv", 7L, 2),
                Tuple.tuple("activity_16_user_2_combined.csv", 1L, 5),
                Tuple.tuple("activity_17_user_1_combined.csv", 0L, 0));
        assertThat(errors.get(0).message()).contains("--");
        assertThat(errors.get(1).message()).contains("rpm");
        assertThat(errors.get(2).message()).contains("17");
        // rows 0-4 (0.04 s: 3 samples) before the bad row, rows 6-12 (0.06 s: 4 samples) after it
        assertThat(d.sessions()).extracting(Session::id, Session::length).containsExactly(
                Tuple.tuple("user01_activity13_sitting_0", 3), Tuple.tuple("user01_activity13_sitting_1", 4));
    }
}
