package io.tsfm.datasets.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.Dataset;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MobiActReaderTest {
    private static final String HEADER =
            "timestamp,rel_time,acc_x,acc_y,acc_z,gyro_x,gyro_y,gyro_z,azimuth,pitch,roll,label\n";

    /** A row at {@code t} s whose acc_x is 100·t (linear, so interpolation is exact) and gyro_z is -t. */
    private static String row(double t, String label) {
        return String.format(Locale.ROOT, "%d,%.6f,%.6f,9.81,0.0,0.1,0.2,%.6f,120.5,-3.2,1.1,%s%n",
                1_900_000_000_000_000L + Math.round(t * 1e9), t, 100 * t, -t, label);
    }

    /** Jittery ~200 Hz clock: standing for 0.1 s, a forward fall for 0.1 s, then lying. */
    private static String fallTrial() {
        StringBuilder b = new StringBuilder(HEADER);
        for (int i = 0; i < 60; i++) {
            double t = i * 0.005 + (i % 3) * 0.001;
            b.append(row(t, t < 0.1 ? "STD" : t < 0.2 ? "FOL" : "LYI"));
        }
        return b.toString();
    }

    @Test
    void cutsCodeRunsAndInterpolatesThemTo50Hz(@TempDir Path root) throws Exception {
        SeedFixtures.write(root, "Annotated Data/FOL/FOL_12_1_annotated.csv", fallTrial());
        StringBuilder walk = new StringBuilder(HEADER);
        for (int i = 0; i < 41; i++) walk.append(row(i * 0.01, "WAL"));
        SeedFixtures.write(root, "Annotated Data/WAL/WAL_3_2_annotated.csv", walk.toString());
        Dataset d = SeedFixtures.read(new MobiActReader(), root);

        assertThat(d.problems()).isEmpty();
        assertThat(d.sessions()).extracting(Session::id).containsExactly(
                "FOL_12_1_0000_standing", "FOL_12_1_0001_fall_forward", "FOL_12_1_0002_lying", "WAL_3_2_0000_walking");
        Session standing = d.sessions().get(0);
        assertThat(standing.rateHz()).isEqualTo(50.0);
        assertThat(standing.subject()).isEqualTo("12");
        // standing spans 0 .. 0.096 s: grid points 0, 0.02, ..., 0.08
        assertThat(standing.length()).isEqualTo(5);
        float[] accX = SeedFixtures.channel(standing, "acc_x");
        for (int k = 0; k < 5; k++) assertThat(accX[k]).isCloseTo(2f * k, within(1e-3f));
        Session fall = d.sessions().get(1);
        // the fall run starts at t = 0.102 s
        assertThat(SeedFixtures.channel(fall, "acc_x")[1]).isCloseTo(12.2f, within(1e-3f));
        assertThat(SeedFixtures.channel(fall, "gyro_z")[1]).isCloseTo(-0.122f, within(1e-5f));
        assertThat(fall.channels().get(3).description()).isEqualTo("Gyroscope X-axis (waist-mounted smartphone)");
        Session walking = d.sessions().get(3);
        assertThat(walking.length()).isEqualTo(21);
        assertThat(SeedFixtures.channel(walking, "acc_x")[20]).isCloseTo(40f, within(1e-3f));
        assertThat(d.manifest().subjects()).isEqualTo(2);
    }

    @Test
    void badRowsAreReportedAndTheRestOfTheTrialReads(@TempDir Path root) throws Exception {
        String trial = HEADER + row(0.00, "STD") + row(0.02, "STD") + row(0.04, "STD")
                + row(0.06, "STD").replace(",0.2,", ",x,")          // line 5: gyro_y
                + row(0.08, "STD") + row(0.10, "STD")
                + row(0.09, "STD")                                  // line 8: clock goes back
                + row(0.12, "DANCE")                                // line 9: unknown code
                + row(0.14, "CHU") + row(0.16, "CHU");
        SeedFixtures.write(root, "MobiAct_Dataset_v2.0/Annotated Data/STD/STD_7_1_annotated.csv", trial);
        SeedFixtures.write(root, "MobiAct_Dataset_v2.0/Annotated Data/SIT/SIT_7_1_annotated.csv",
                "timestamp,rel_time,acc_x,acc_y,gyro_x,gyro_y,gyro_z,label\n" + "1,0.0,1,1,1,1,1,SIT\n");
        Dataset d = SeedFixtures.read(new MobiActReader(), root);

        List<ReadProblem> errors = SeedFixtures.errors(d);
        // files are read in entry order: SIT/ before STD/
        assertThat(errors).extracting(ReadProblem::line, ReadProblem::column).containsExactly(
                Tuple.tuple(1L, 0), Tuple.tuple(5L, 7), Tuple.tuple(9L, 12));
        assertThat(errors.get(0).message()).contains("acc_z", "file skipped");
        assertThat(errors.get(1).message()).contains("'x'");
        assertThat(errors.get(2).message()).contains("DANCE");
        assertThat(d.problems()).anyMatch(p -> !p.fatal() && p.line() == 8);
        assertThat(d.sessions()).extracting(Session::label, Session::length).containsExactly(
                Tuple.tuple("standing", 3), Tuple.tuple("standing", 2), Tuple.tuple("standing_up_from_sitting", 2));
    }
}
