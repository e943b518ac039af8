package io.tsfm.datasets.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.Session;
import io.tsfm.core.data.Units;
import io.tsfm.datasets.Dataset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpportunityReaderTest {
    private static final String DIR = "OpportunityUCIDataset/dataset/";
    private static final String[] IMUS = {"BACK", "RUA", "RLA", "LUA", "LLA"};
    private static final String[] IMU_FIELDS = {"accX", "accY", "accZ", "gyroX", "gyroY", "gyroZ", "magneticX",
            "magneticY", "magneticZ", "Quaternion1", "Quaternion2", "Quaternion3", "Quaternion4"};

    /** column_names.txt in the published format: body-worn IMUs at 38-102, labels at 244-250. */
    private static String columnNames() {
        StringBuilder b = new StringBuilder("Data columns:\nColumn: 1 MILLISEC; value = ms\n");
        for (int c = 2; c <= 37; c++) {
            b.append("Column: ").append(c).append(" Accelerometer X").append(c).append(" accX; unit = milli g\n");
        }
        int col = 38;
        for (String imu : IMUS) {
            for (String f : IMU_FIELDS) {
                String unit = f.startsWith("acc") ? "round(original_value / 9.8 * 1000), unit = milli g"
                        : "round(original_value * 1000), unit = unknown";
                b.append("Column: ").append(col++).append(" InertialMeasurementUnit ").append(imu).append(' ')
                        .append(f).append("; value = ").append(unit).append('\n');
            }
        }
        for (; col <= 243; col++) b.append("Column: ").append(col).append(" Sensor S").append(col).append(" value\n");
        b.append("Label columns:\nColumn: 244 Locomotion\nColumn: 245 HL_Activity\nColumn: 246 LL_Left_Arm\n")
                .append("Column: 247 LL_Left_Arm_Object\nColumn: 248 LL_Right_Arm\nColumn: 249 LL_Right_Arm_Object\n")
                .append("Column: 250 ML_Both_Arms\n");
        return b.toString();
    }

    /** One 250-column row at time {@code ms}: back accX = {@code accX} mg, back gyroY = 500, others 0. */
    private static String row(long ms, String accX, int locomotion) {
        String[] cells = new String[250];
        Arrays.fill(cells, "0");
        cells[0] = Long.toString(ms);
        cells[37] = accX;          // column 38: BACK accX
        cells[41] = "500";         // column 42: BACK gyroY
        cells[76] = "-1000";       // column 77: LUA accX
        cells[120] = "NaN";        // an ambient sensor dropout, not read
        cells[243] = Integer.toString(locomotion);
        return String.join(" ", cells) + "\n";
    }

    private static String run(long startMs, int n, String accX, int locomotion) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append(row(startMs + Math.round(i * 1000 / 30.0), accX, locomotion));
        return b.toString();
    }

    @Test
    void readsLocomotionRunsOfTheBodyWornImus(@TempDir Path root) throws Exception {
        SeedFixtures.write(root, DIR + "column_names.txt", columnNames());
        String adl = run(0, 3, "1000", 1) + run(100, 2, "1000", 0) + run(167, 2, "1000", 2)
                + row(233, "NaN", 2) + row(267, "2000", 2);
        SeedFixtures.write(root, DIR + "S1-ADL1.dat", adl);
        SeedFixtures.write(root, DIR + "S2-Drill.dat", run(1000, 2, "0", 5));
        Dataset d = SeedFixtures.read(new OpportunityReader(), root);

        assertThat(d.sessions()).extracting(Session::id, Session::length).containsExactly(
                Tuple.tuple("S1-ADL1_0000_standing", 3), Tuple.tuple("S1-ADL1_0001_walking", 4),
                Tuple.tuple("S2-Drill_0000_lying", 2));
        Session walk = d.sessions().get(1);
        assertThat(walk.rateHz()).isEqualTo(30.0);
        assertThat(walk.subject()).isEqualTo("S1");
        assertThat(walk.numChannels()).isEqualTo(30);
        assertThat(walk.channels()).extracting(Channel::name).startsWith("lua_acc_x", "lua_acc_y", "lua_acc_z",
                "rua_acc_x").contains("back_gyro_y", "lla_gyro_z");
        assertThat(SeedFixtures.channel(walk, "back_acc_x")[0]).isCloseTo((float) Units.G, within(1e-4f));
        // the NaN at the third walking row is forward-filled from the row before
        assertThat(SeedFixtures.channel(walk, "back_acc_x")[2]).isCloseTo((float) Units.G, within(1e-4f));
        assertThat(SeedFixtures.channel(walk, "back_acc_x")[3]).isCloseTo((float) (2 * Units.G), within(1e-4f));
        assertThat(SeedFixtures.channel(walk, "back_gyro_y")[1]).isCloseTo(0.5f, within(1e-6f));
        assertThat(SeedFixtures.channel(walk, "lua_acc_x")[0]).isCloseTo((float) -Units.G, within(1e-4f));
        assertThat(walk.channels().get(6).description())
                .isEqualTo("Accelerometer X-axis from back-mounted (lower back) XSens IMU");

        assertThat(SeedFixtures.errors(d)).isEmpty();
        assertThat(d.problems()).anySatisfy(p -> {
            assertThat(p.message()).contains("label 0");
            assertThat(p.count()).isEqualTo(2);
            assertThat(p.line()).isEqualTo(4);
        });
        assertThat(d.problems()).anySatisfy(p -> {
            assertThat(p.message()).contains("non-finite");
            assertThat(p.count()).isEqualTo(1);
        });
    }

    @Test
    void withoutColumnNamesThePublishedPositionsGiveTheSameSamples(@TempDir Path with, @TempDir Path without)
            throws Exception {
        String adl = run(0, 4, "1000", 4);
        SeedFixtures.write(with, DIR + "column_names.txt", columnNames());
        SeedFixtures.write(with, DIR + "S3-ADL2.dat", adl);
        SeedFixtures.write(without, DIR + "S3-ADL2.dat", adl);
        Session a = SeedFixtures.read(new OpportunityReader(), with).sessions().get(0);
        Session b = SeedFixtures.read(new OpportunityReader(), without).sessions().get(0);
        assertThat(a.label()).isEqualTo("sitting");
        assertThat(b.samples()).isDeepEqualTo(a.samples());
    }

    @Test
    void malformedRowsAreReportedWithTheirColumn(@TempDir Path root) throws Exception {
        String bad = row(100, "abc", 1);
        String truncated = String.join(" ", Arrays.copyOf(row(133, "1", 1).split(" "), 100)) + "\n";
        String adl = run(0, 3, "1000", 1) + bad + truncated + row(167, "1000", 3) + run(200, 2, "1000", 1);
        SeedFixtures.write(root, DIR + "S4-ADL5.dat", adl);
        Dataset d = SeedFixtures.read(new OpportunityReader(), root);

        List<ReadProblem> errors = SeedFixtures.errors(d);
        // repeats in one file and column fold into one problem that keeps the first occurrence
        assertThat(errors).extracting(ReadProblem::line, ReadProblem::column, ReadProblem::count).containsExactly(
                Tuple.tuple(4L, 38, 1L), Tuple.tuple(5L, 244, 2L));
        assertThat(errors.get(0).message()).contains("abc");
        assertThat(errors.get(1).message()).contains("truncated");
        assertThat(d.sessions()).extracting(Session::length).containsExactly(3, 2);
        assertThat(errors.get(0).file()).isEqualTo(DIR + "S4-ADL5.dat");
    }
}
