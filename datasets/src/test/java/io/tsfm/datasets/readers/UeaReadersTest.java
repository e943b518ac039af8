package io.tsfm.datasets.readers;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetRole;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UeaReadersTest {

    @Test
    void basicMotionsReadsBothSplits() throws IOException {
        Dataset d = Fixtures.read(new BasicMotionsReader(), Fixtures.realArchive("basicmotions"));
        assertThat(d.problems()).isEmpty();
        assertThat(d.sessions()).hasSize(80);
        assertThat(d.sessions().stream().filter(s -> s.id().startsWith("train_"))).hasSize(40);
        assertThat(d.sessions().stream().filter(s -> s.id().startsWith("test_"))).hasSize(40);
        assertThat(d.labelCounts()).isEqualTo(Map.of("standing", 20, "walking", 20, "running", 20, "badminton", 20));
        assertThat(d.manifest().role()).isEqualTo(DatasetRole.ZERO_SHOT);
        assertThat(d.manifest().subjects()).isZero();
        assertThat(d.manifest().sourceUnits().get(SensorKind.ACCELEROMETER)).contains("assumed");
        Fixtures.assertLabelsInVocabulary(d);
        for (Session s : d.sessions()) {
            assertThat(s.rateHz()).isEqualTo(10.0);
            assertThat(s.length()).isEqualTo(100);
            assertThat(s.subject()).isEqualTo("unknown");
            assertThat(s.channels()).extracting(Channel::description).containsExactly(
                    "Accelerometer X-axis (wrist)", "Accelerometer Y-axis (wrist)", "Accelerometer Z-axis (wrist)",
                    "Gyroscope X-axis (wrist)", "Gyroscope Y-axis (wrist)", "Gyroscope Z-axis (wrist)");
        }
        // first training case starts "0.079106,0.079106,-0.903497"
        Session first = d.sessions().stream().filter(s -> s.id().equals("train_001")).findFirst().orElseThrow();
        assertThat(first.samples()[0][0]).isEqualTo(0.079106f);
        assertThat(first.samples()[0][2]).isEqualTo(-0.903497f);
        // the unit evidence the reader documents: standing is near 0 (gravity removed), running far from it
        double standing = mean(d, "standing");
        assertThat(standing).isLessThan(2.0);
        assertThat(mean(d, "running")).isGreaterThan(5 * standing);
    }

    private static double mean(Dataset d, String label) {
        return d.sessions().stream().filter(s -> s.label().equals(label)).mapToDouble(Fixtures::meanAccMagnitude)
                .average().orElseThrow();
    }

    @Test
    void racketSportsReadsBothSplits() throws IOException {
        Dataset d = Fixtures.read(new RacketSportsReader(), Fixtures.realArchive("racketsports"));
        assertThat(d.problems()).isEmpty();
        assertThat(d.sessions()).hasSize(151 + 152);
        assertThat(d.sessions().stream().filter(s -> s.id().startsWith("train_"))).hasSize(151);
        assertThat(d.labelCounts()).isEqualTo(Map.of("badminton_clear", 86, "badminton_smash", 79,
                "squash_backhand_boast", 68, "squash_forehand_boast", 70));
        Fixtures.assertLabelsInVocabulary(d);
        assertThat(d.sessions()).allSatisfy(s -> {
            assertThat(s.length()).isEqualTo(30);
            assertThat(s.numChannels()).isEqualTo(6);
            assertThat(s.rateHz()).isEqualTo(10.0);
        });
        // gyroscope values clip at 34.87 (2000 deg/s in rad/s), the basis of the rad/s assumption
        double max = 0;
        for (Session s : d.sessions()) for (int c = 3; c < 6; c++) for (float v : s.samples()[c]) max = Math.max(max, Math.abs(v));
        assertThat(max).isBetween(34.0, 35.0);
    }

    private static final String HEADER = "#BasicMotions fixture\n@problemName BasicMotions\n@timeStamps false\n"
            + "@missing true\n@univariate false\n@dimensions 6\n@equalLength true\n@seriesLength 3\n"
            + "@classLabel true Standing Running Walking Badminton Jumping\n@data\n";

    @Test
    void badCasesAreReportedWithLineAndColumnAndTheRestReads(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("basicmotions");
        String good = "1,2,3:4,5,6:7,8,9:0.1,0.2,0.3:0.4,0.5,0.6:0.7,0.8,0.9:Standing";
        Fixtures.write(dir, "BasicMotions_TRAIN.ts", HEADER + String.join("\n",
                good,                                                            // line 11
                "1,2,3:4,x5,6:7,8,9:1,2,3:1,2,3:1,2,3:Walking",                  // 12: column 9
                "1,2,3:4,5,6:7,8,9:1,2,3:1,2,3:Running",                         // 13: 5 dimensions
                "1,2,3:4,5:7,8,9:1,2,3:1,2,3:1,2,3:Running",                     // 14: 2 values, column 7
                "1,2,3:4,5,6:7,8,9:1,2,3:1,2,3:1,2,3:Swimming",                  // 15: undeclared label
                "1,?,3:4,5,6:7,NaN,9:1,2,3:1,2,3:1,2,3:Badminton",               // 16: 2 missing values
                "1,2,3:4,5,6:7,8,9:1,2,3:1,2,3:1,2,3:Jumping")                   // 17: not in the vocabulary
                + "\n");
        Fixtures.write(dir, "BasicMotions_TEST.ts", HEADER.replace("@dimensions 6", "@dimensions six") + good + "\n");

        for (Path p : List.of(dir, Fixtures.zip(dir, tmp.resolve("basicmotions.zip")))) {
            Dataset d = Fixtures.read(new BasicMotionsReader(), p);
            assertThat(d.sessions()).extracting(Session::id).containsExactly("train_001", "train_006");
            assertThat(d.sessions().get(0).samples()[5]).containsExactly(0.7f, 0.8f, 0.9f);
            Session repaired = d.sessions().get(1);
            assertThat(repaired.samples()[0]).containsExactly(1f, 1f, 3f);
            assertThat(repaired.samples()[2]).containsExactly(7f, 7f, 9f);

            String f = "BasicMotions_TRAIN.ts";
            assertThat(at(d, f, 12)).satisfies(q -> {
                assertThat(q.column()).isEqualTo(9);
                assertThat(q.message()).contains("'x5'");
            });
            assertThat(at(d, f, 13).message()).contains("expected 6 dimensions, found 5");
            assertThat(at(d, f, 14)).satisfies(q -> {
                assertThat(q.column()).isEqualTo(7);
                assertThat(q.message()).contains("dimension 2 has 2 values");
            });
            assertThat(at(d, f, 15).message()).contains("Swimming").contains("not declared");
            assertThat(at(d, f, 16)).satisfies(q -> {
                assertThat(q.fatal()).isFalse();
                assertThat(q.count()).isEqualTo(2);
            });
            assertThat(at(d, f, 17).message()).contains("Jumping").contains("vocabulary");
            assertThat(at(d, "BasicMotions_TEST.ts", 6)).satisfies(q -> {
                assertThat(q.fatal()).isTrue();
                assertThat(q.message()).contains("@dimensions").contains("file skipped");
            });
            assertThat(d.problems()).hasSize(7);
        }
    }

    private static ReadProblem at(Dataset d, String file, long line) {
        List<ReadProblem> l = d.problems().stream().filter(q -> q.file().equals(file) && q.line() == line).toList();
        assertThat(l).as(file + ":" + line + " in " + d.problems()).hasSize(1);
        return l.get(0);
    }
}
