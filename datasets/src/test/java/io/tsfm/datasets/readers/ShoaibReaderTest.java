package io.tsfm.datasets.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.Dataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShoaibReaderTest {
    private static final String[] POSITIONS = {"Left_pocket", "Right_pocket", "Wrist", "Upper_arm", "Belt"};
    private static final String BLOCK = "Time_Stamp,Ax,Ay,Az,Lx,Ly,Lz,Gx,Gy,Gz,Mx,My,Mz";

    /** The two header rows: positions over 14-column blocks, then column names; activity last. */
    private static String header() {
        List<String> top = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String p : POSITIONS) {
            top.add(p);
            for (int i = 1; i < 14; i++) top.add("");
            names.addAll(List.of(BLOCK.split(",")));
            names.add("");
        }
        names.set(names.size() - 1, "Activity_Label");
        return String.join(",", top) + "\n" + String.join(",", names) + "\n";
    }

    /** A row where position p's Ax = p + 1 + v and its Gz = -(p + 1), Mx = 10 * (p + 1). */
    private static String row(long ts, double v, String activity) {
        List<String> cells = new ArrayList<>();
        for (int p = 0; p < POSITIONS.length; p++) {
            cells.add(Long.toString(ts));
            cells.add(Double.toString(p + 1 + v));
            for (int i = 0; i < 7; i++) cells.add("0.5");
            cells.add(Double.toString(-(p + 1)));
            cells.add(Double.toString(10.0 * (p + 1)));
            cells.add("20");
            cells.add("30");
            cells.add(p == POSITIONS.length - 1 ? activity : "");
        }
        return String.join(",", cells) + "\n";
    }

    private static String participant(String... activities) {
        StringBuilder b = new StringBuilder(header());
        long ts = 1_400_000_000_000L;
        for (String a : activities) b.append(row(ts += 20, 0.0, a));
        return b.toString();
    }

    @Test
    void readsAllFivePositionsAsOneSessionPerActivityRun(@TempDir Path root) throws Exception {
        SeedFixtures.write(root, "DataSet/Participant_1.csv",
                participant("walking", "walking", "walking", "biking", "biking", "upsatirs", "downstairs"));
        SeedFixtures.write(root, "DataSet/Participant_10.csv", participant("jogging", "jogging"));
        Dataset d = SeedFixtures.read(new ShoaibReader(), root);

        assertThat(d.problems()).isEmpty();
        assertThat(d.sessions()).extracting(Session::id, Session::length).containsExactly(
                Tuple.tuple("participant01_0000_walking", 3), Tuple.tuple("participant01_0001_cycling", 2),
                Tuple.tuple("participant01_0002_walking_upstairs", 1),
                Tuple.tuple("participant01_0003_walking_downstairs", 1), Tuple.tuple("participant10_0000_jogging", 2));
        Session walk = d.sessions().get(0);
        assertThat(walk.numChannels()).isEqualTo(45);
        assertThat(walk.rateHz()).isEqualTo(50.0);
        assertThat(walk.subject()).isEqualTo("1");
        assertThat(walk.channels()).extracting(Channel::name).startsWith("left_pocket_acc_x", "left_pocket_acc_y",
                "left_pocket_acc_z", "left_pocket_gyro_x").endsWith("belt_mag_z");
        assertThat(SeedFixtures.channel(walk, "left_pocket_acc_x")[0]).isEqualTo(1.0f);
        assertThat(SeedFixtures.channel(walk, "right_pocket_acc_x")[2]).isEqualTo(2.0f);
        assertThat(SeedFixtures.channel(walk, "right_pocket_gyro_z")[0]).isEqualTo(-2.0f);
        assertThat(SeedFixtures.channel(walk, "upper_arm_mag_x")[1]).isEqualTo(40.0f);
        assertThat(SeedFixtures.channel(walk, "belt_mag_z")[0]).isEqualTo(30.0f);
        Channel rightPocketAcc = walk.channels().get(9);
        assertThat(rightPocketAcc.description())
                .isEqualTo("Accelerometer X-axis from right trouser pocket smartphone sensor");
        assertThat(rightPocketAcc.kind()).isEqualTo(SensorKind.ACCELEROMETER);
        assertThat(d.manifest().subjects()).isEqualTo(2);
    }

    @Test
    void badValueAndUnknownActivityAreReportedAndTheRestReads(@TempDir Path root) throws Exception {
        String good = participant("sitting", "sitting");
        String bad = row(1, 0.0, "sitting").replaceFirst(",0\\.5,", ",oops,");   // line 5: left pocket Ay
        String unknown = row(2, 0.0, "dancing");                                 // line 6
        SeedFixtures.write(root, "Participant_2.csv", good + bad + unknown + row(3, 0.0, "standing"));
        SeedFixtures.write(root, "Participant_3.csv", "Left_pocket,,,\nTime_Stamp,Ax,Ay,Az\n");
        Dataset d = SeedFixtures.read(new ShoaibReader(), root);

        List<ReadProblem> errors = SeedFixtures.errors(d);
        assertThat(errors).extracting(ReadProblem::file, ReadProblem::line, ReadProblem::column).containsExactly(
                Tuple.tuple("Participant_2.csv", 5L, 3), Tuple.tuple("Participant_2.csv", 6L, 70),
                Tuple.tuple("Participant_3.csv", 2L, 1));
        assertThat(errors.get(0).message()).contains("oops");
        assertThat(errors.get(1).message()).contains("dancing");
        assertThat(errors.get(2).message()).contains("no column 'Gx' in the left_pocket block", "file skipped");
        assertThat(d.sessions()).extracting(Session::label, Session::length).containsExactly(
                Tuple.tuple("sitting", 2), Tuple.tuple("standing", 1));
    }
}
