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
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecGymReaderTest {
    private static final String HEADER = "Subject,Position,Session,A_x,A_y,A_z,G_x,G_y,G_z,C_1,Workout\n";

    /** Subject 1: 3 wrist ArmCurl rows (a pocket row in between), 2 Null, 4 Squat; subject 2: 3 StairsClimber. */
    private static String csv(String badRow) {
        StringBuilder b = new StringBuilder(HEADER);
        b.append("1,wrist,1,1.0,0.0,0.0,90.0,0,0,0.5,ArmCurl\n");
        b.append("1,pocket,1,5.0,5.0,5.0,5,5,5,0.5,ArmCurl\n");
        b.append("1,wrist,1,0.5,0.1,0.2,0,0,0,0.5,ArmCurl\n");
        b.append("1,wrist,1,0.4,0.1,0.2,0,0,0,0.5,ArmCurl\n");
        b.append("1,wrist,1,0.0,0.0,1.0,0,0,0,0.5,Null\n");
        b.append("1,wrist,1,0.0,0.0,1.0,0,0,0,0.5,Null\n");
        for (int i = 0; i < 4; i++) b.append("1,wrist,1,0.1,0.2,0.3,1,2,3,0.5,Squat\n");
        if (badRow != null) b.append(badRow).append('\n');
        for (int i = 0; i < 3; i++) b.append("2,wrist,1,0.0,-1.0,0.0,0,0,-180,0.4,StairsClimber\n");
        b.append("2,leg,1,0.0,-1.0,0.0,0,0,-180,0.4,StairsClimber\n");
        return b.toString();
    }

    @Test
    void readsWristRunsInCanonicalUnits(@TempDir Path root) throws Exception {
        SeedFixtures.write(root, "RecGym.csv", csv(null));
        Dataset d = SeedFixtures.read(new RecGymReader(), root);

        assertThat(d.sessions()).extracting(Session::label).containsExactly("arm_curl", "squat", "stairclimber");
        Session curl = SeedFixtures.session(d, "subj1_sess1_0000_arm_curl");
        assertThat(curl.length()).isEqualTo(3);
        assertThat(curl.rateHz()).isEqualTo(20.0);
        assertThat(curl.subject()).isEqualTo("1");
        assertThat(curl.channels()).extracting(Channel::name)
                .containsExactly("acc_x", "acc_y", "acc_z", "gyro_x", "gyro_y", "gyro_z");
        assertThat(curl.channels().get(0).unit()).isEqualTo("m/s^2");
        assertThat(curl.channels().get(3).description()).isEqualTo("Gyroscope X-axis (wrist)");
        assertThat(curl.samples()[0][0]).isCloseTo((float) Units.G, within(1e-5f));
        assertThat(curl.samples()[3][0]).isCloseTo((float) (Math.PI / 2), within(1e-5f));
        // the pocket row between the first two wrist rows is not part of the wrist stream
        assertThat(curl.samples()[0][1]).isCloseTo((float) (0.5 * Units.G), within(1e-5f));
        assertThat(SeedFixtures.session(d, "subj1_sess1_0001_squat").length()).isEqualTo(4);
        Session stairs = SeedFixtures.session(d, "subj2_sess1_0002_stairclimber");
        assertThat(stairs.length()).isEqualTo(3);
        assertThat(SeedFixtures.channel(stairs, "gyro_z")[2]).isCloseTo((float) -Math.PI, within(1e-5f));

        assertThat(d.manifest().role()).isEqualTo(DatasetRole.TRAIN);
        assertThat(d.manifest().subjects()).isEqualTo(2);
        assertThat(d.manifest().sourceUnits()).isEqualTo(Map.of(SensorKind.ACCELEROMETER, "g",
                SensorKind.GYROSCOPE, "deg/s"));
        assertThat(SeedFixtures.errors(d)).isEmpty();
        ReadProblem nulls = d.problems().get(0);
        assertThat(nulls.fatal()).isFalse();
        assertThat(nulls.count()).isEqualTo(2);
        assertThat(nulls.line()).isEqualTo(6);
        assertThat(nulls.message()).contains("Null");
    }

    @Test
    void badRowIsReportedAndSplitsTheRunWithoutLosingTheRest(@TempDir Path root) throws Exception {
        // line 12 (after the header and 10 data rows): a non-number in A_y; line 18: an unknown workout
        String csv = csv("1,wrist,1,0.1,abc,0.3,1,2,3,0.5,Squat")
                + "1,wrist,1,0.1,0.2,0.3,1,2,3,0.5,Squat\n"
                + "1,wrist,1,0.1,0.2,0.3,1,2,3,0.5,BoxJump\n";
        SeedFixtures.write(root, "RecGym.csv", csv);
        Dataset d = SeedFixtures.read(new RecGymReader(), root);

        List<ReadProblem> errors = SeedFixtures.errors(d);
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).file()).isEqualTo("RecGym.csv");
        assertThat(errors.get(0).line()).isEqualTo(12);
        assertThat(errors.get(0).column()).isEqualTo(5);
        assertThat(errors.get(0).message()).contains("abc");
        assertThat(errors.get(1).line()).isEqualTo(18);
        assertThat(errors.get(1).column()).isEqualTo(11);
        assertThat(errors.get(1).message()).contains("BoxJump");
        // everything else still reads: the 4 squat rows before the bad row, the subject-2 run, the row after
        assertThat(d.sessions()).extracting(Session::label, Session::length).containsExactly(
                Tuple.tuple("arm_curl", 3), Tuple.tuple("squat", 4),
                Tuple.tuple("squat", 1), Tuple.tuple("stairclimber", 3));
    }

    @Test
    void isRegisteredAndReadsThePublishedZipFromTheDataRoot(@TempDir Path root) throws Exception {
        SeedFixtures.writeZip(root.resolve("recgym.zip"), Map.of("RecGym.csv", csv(null)));
        Dataset d = DatasetCatalog.load().read("recgym", DataRoot.of(root));
        assertThat(d.sessions()).hasSize(3);
        assertThat(new RecGymReader().info().downloadHint()).contains("archive.ics.uci.edu", "recgym.zip", "recgym/");
    }
}
