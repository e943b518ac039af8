package io.tsfm.datasets.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.Session;
import io.tsfm.core.data.Units;
import io.tsfm.datasets.Dataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HmpReaderTest {
    private static Dataset real;

    @BeforeAll
    static void readReal() throws IOException {
        real = Fixtures.read(new HmpReader(), Fixtures.realArchive("hmp"));
    }

    @Test
    void readsEveryTrialOfThePublishedArchive() {
        assertThat(real.problems()).isEmpty();
        assertThat(real.sessions()).hasSize(839);
        // trials per activity as listed in the dataset's MANUAL.txt file tree
        assertThat(real.labelCounts()).isEqualTo(Map.ofEntries(Map.entry("brush_teeth", 12),
                Map.entry("climb_stairs", 102), Map.entry("comb_hair", 31), Map.entry("descend_stairs", 42),
                Map.entry("drink_glass", 100), Map.entry("eat_meat", 5), Map.entry("eat_soup", 3),
                Map.entry("getup_bed", 101), Map.entry("liedown_bed", 28), Map.entry("pour_water", 100),
                Map.entry("sitdown_chair", 100), Map.entry("standup_chair", 102), Map.entry("use_telephone", 13),
                Map.entry("walk", 100)));
        Set<String> subjects = real.sessions().stream().map(Session::subject).collect(Collectors.toSet());
        assertThat(subjects).hasSize(16).allMatch(s -> s.matches("[fm]\\d+"));
        assertThat(subjects.stream().filter(s -> s.startsWith("m"))).hasSize(11); // MANUAL: 11 male, 5 female
        assertThat(real.manifest().subjects()).isEqualTo(16);
        Fixtures.assertLabelsInVocabulary(real);
        for (Session s : real.sessions()) {
            assertThat(s.rateHz()).isEqualTo(32.0);
            assertThat(s.channels()).extracting(Channel::description).containsExactly(
                    "Accelerometer X-axis (right wrist)", "Accelerometer Y-axis (right wrist)",
                    "Accelerometer Z-axis (right wrist)");
        }
    }

    @Test
    void codesAreDecodedToMetresPerSecondSquared() {
        // first line of this trial is "32 47 40"
        Session s = real.sessions().stream()
                .filter(x -> x.id().equals("2011-03-24-09-51-07_walk_f1")).findFirst().orElseThrow();
        assertThat(s.subject()).isEqualTo("f1");
        double[] expected = {32, 47, 40};
        for (int c = 0; c < 3; c++) {
            assertThat(s.samples()[c][0]).isEqualTo((float) ((-1.5 + expected[c] / 63 * 3) * Units.G));
        }
        // gravity dominates a wrist over a whole trial: every activity averages close to 1 g
        for (String label : real.labelCounts().keySet()) {
            double mean = real.sessions().stream().filter(x -> x.label().equals(label))
                    .mapToDouble(Fixtures::meanAccMagnitude).average().orElseThrow();
            assertThat(mean).as(label).isCloseTo(Units.G, within(1.5));
        }
    }

    @Test
    void readsAFolderTheUserUnpackedExactlyAsTheZip(@TempDir Path tmp) throws IOException {
        Dataset folder = Fixtures.read(new HmpReader(), Fixtures.unzip(Fixtures.realArchive("hmp"), tmp));
        assertThat(folder.sessions()).hasSize(real.sessions().size());
        for (int i = 0; i < real.sessions().size(); i++) {
            Session a = real.sessions().get(i);
            Session b = folder.sessions().get(i);
            assertThat(b.id()).isEqualTo(a.id());
            assertThat(b.label()).isEqualTo(a.label());
            assertThat(b.subject()).isEqualTo(a.subject());
            assertThat(b.samples()).isEqualTo(a.samples());
        }
    }

    @Test
    void badTrialsAreReportedAndSkippedWhileTheRestReads(@TempDir Path tmp) throws IOException {
        Path d = tmp.resolve("hmp");
        Fixtures.write(d, "README.txt", "not a trial");
        Fixtures.write(d, "Walk/Accelerometer-2011-01-01-00-00-00-walk-f1.txt", "0 63 31\n1 2 3\n4 5 6\n");
        Fixtures.write(d, "Walk/Accelerometer-2011-01-01-00-00-01-walk-f1.txt", "1 2 3\n4 5 6\n12 64 3\n");
        Fixtures.write(d, "Walk/Accelerometer-2011-01-01-00-00-02-walk-m2.txt", "1 2 3\n1 2 x\n");
        Fixtures.write(d, "Walk/Accelerometer-2011-01-01-00-00-03-walk-m2.txt", "1 2 3\n1 2 3\n1 2 3\n5 6");
        Fixtures.write(d, "Walk/Accelerometer-2011-01-01-00-00-04-walk-m2.txt", "1 2 3\nNaN 2 3\n");
        Fixtures.write(d, "Dance/Accelerometer-2011-01-01-00-00-05-dance-f1.txt", "1 2 3\n");
        Fixtures.write(d, "walk/Accelerometer-2011-01-01-00-00-00-walk-f1.txt", "0 63 31\n"); // same trial twice
        Fixtures.write(d, "Walk_MODEL/Accelerometer-2011-01-01-00-00-06-walk-f1.txt", "1 2 3\n");
        Dataset ds = Fixtures.read(new HmpReader(), d);

        assertThat(ds.sessions()).extracting(Session::id)
                .containsExactly("2011-01-01-00-00-00_walk_f1");
        Session s = ds.sessions().get(0);
        assertThat(s.samples()[0][0]).isEqualTo((float) (-1.5 * Units.G));
        assertThat(s.samples()[1][0]).isEqualTo((float) (1.5 * Units.G));

        assertThat(one(ds, "00-00-01-walk-f1.txt")).satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.column()).isEqualTo(2);
            assertThat(p.message()).contains("64").contains("outside 0..63");
        });
        assertThat(one(ds, "00-00-02-walk-m2.txt")).satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.column()).isEqualTo(3);
            assertThat(p.message()).contains("'x'");
        });
        assertThat(one(ds, "00-00-03-walk-m2.txt")).satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("expected 3 values, found 2");
        });
        assertThat(one(ds, "00-00-04-walk-m2.txt")).satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.column()).isEqualTo(1);
            assertThat(p.message()).contains("NaN");
        });
        assertThat(one(ds, "dance-f1.txt").message()).contains("Dance").contains("vocabulary");
        assertThat(ds.sessions().get(0).length()).isEqualTo(3); // "Walk/" sorts first and wins
        assertThat(one(ds, "walk/Accelerometer-2011-01-01-00-00-00-walk-f1.txt").message())
                .contains("already taken by Walk/Accelerometer-2011-01-01-00-00-00-walk-f1.txt");
        assertThat(ds.problems()).hasSize(6).allMatch(ReadProblem::fatal);
    }

    private static ReadProblem one(Dataset d, String fileSuffix) {
        List<ReadProblem> l = Fixtures.problemsIn(d, fileSuffix);
        assertThat(l).as(fileSuffix + " in " + d.problems()).hasSize(1);
        return l.get(0);
    }
}
