package io.tsfm.datasets.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.Session;
import io.tsfm.core.data.Units;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetRole;
import io.tsfm.datasets.DatasetSource;
import io.tsfm.datasets.reading.ProblemLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WedaFallReaderTest {
    private static Dataset real;
    private static Map<String, WedaFallReader.Mark> marks;

    @BeforeAll
    static void readReal() throws IOException {
        real = Fixtures.read(new WedaFallReader(), Fixtures.realArchive("weda_fall"));
        try (DatasetSource src = DatasetSource.open(Fixtures.realArchive("weda_fall"))) {
            ProblemLog log = new ProblemLog();
            marks = WedaFallReader.readMarks(src, "dataset/fall_timestamps.csv", log);
            assertThat(log.problems()).isEmpty();
        }
    }

    @Test
    void readsEveryTrialOfThePublishedArchive() {
        // 619 ADL trials + 350 fall trials, all paired, every fall marked
        assertThat(real.sessions()).hasSize(969);
        assertThat(marks).hasSize(350);
        assertThat(real.labelCounts()).isEqualTo(Map.ofEntries(Map.entry("walking", 68), Map.entry("jogging", 42),
                Map.entry("stairs", 52), Map.entry("sit_down_and_get_up", 71), Map.entry("collapsing_into_chair", 42),
                Map.entry("crouching", 42), Map.entry("stumbling", 42), Map.entry("jumping", 42),
                Map.entry("hitting_table", 73), Map.entry("clapping", 74), Map.entry("opening_door", 71),
                Map.entry("falling_forward", 126), Map.entry("fall_sideways", 98), Map.entry("falling_backward", 84),
                Map.entry("falling_backward_sitting", 42)));
        assertThat(real.manifest().subjects()).isEqualTo(25);
        assertThat(real.manifest().role()).isEqualTo(DatasetRole.TRAIN);
        assertThat(real.hours()).isCloseTo(2.559, within(0.005));
        Fixtures.assertLabelsInVocabulary(real);
        // the elders (users 21-31) recorded no falls
        assertThat(real.sessions().stream().filter(s -> Integer.parseInt(s.subject()) >= 21))
                .isNotEmpty().noneMatch(s -> s.id().contains("_F"));
        for (Session s : real.sessions()) {
            assertThat(s.rateHz()).isEqualTo(50.0);
            assertThat(s.channels()).extracting(Channel::description).containsExactly(
                    "Accelerometer X-axis (wrist)", "Accelerometer Y-axis (wrist)", "Accelerometer Z-axis (wrist)",
                    "Gyroscope X-axis (wrist)", "Gyroscope Y-axis (wrist)", "Gyroscope Z-axis (wrist)");
        }
    }

    @Test
    void theArchivesLateBurstsArePutBackInOrderAndWarned() {
        assertThat(real.problems()).noneMatch(ReadProblem::fatal);
        // D01/U27_R01_accel: rows 0.3-0.703 s come after rows 0.715-1.092 s, from line 40 on
        List<ReadProblem> late = Fixtures.problemsIn(real, "D01/U27_R01_accel.csv");
        assertThat(late).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(40);
            assertThat(p.message()).contains("out of time order");
            assertThat(p.count()).isEqualTo(3);
        });
        // the acceleration stays continuous across the sorted rows: no jump above 3 m/s^2 between 50 Hz samples
        Session s = session("U27_D01_R01");
        double[] mag = Fixtures.magnitude(s, 0);
        for (int t = 1; t < 60; t++) assertThat(Math.abs(mag[t] - mag[t - 1])).as("t=" + t).isLessThan(3.0);
    }

    @Test
    void fallsAreOnlyTheMarkedIntervalAndHoldTheImpact() {
        List<Session> falls = real.sessions().stream().filter(s -> s.id().contains("_F")).toList();
        assertThat(falls).hasSize(350);
        for (Session s : falls) {
            String[] p = s.id().split("_"); // U01_F01_R01
            WedaFallReader.Mark m = marks.get(p[1] + "/" + p[0] + "_" + p[2]);
            assertThat(m).as(s.id()).isNotNull();
            // the marked interval (2-4.7 s), not the 10-15 s trial
            assertThat(s.durationSeconds()).as(s.id()).isBetween(m.end() - m.start() - 0.1, m.end() - m.start() + 0.03);
            // the impact: above 2 g inside every marked fall
            double peak = Arrays.stream(Fixtures.magnitude(s, 0)).max().orElseThrow();
            assertThat(peak).as(s.id()).isGreaterThan(2 * Units.G);
        }
    }

    @Test
    void unitsArePhysical() {
        // quiet 2 s stretches of the sit-down trials: 1 g and no rotation
        int quiet = 0;
        for (Session s : real.sessions()) {
            if (!s.label().equals("sit_down_and_get_up") && !s.label().equals("collapsing_into_chair")) continue;
            for (int from = 0; from + 100 <= s.length(); from += 100) {
                if (maxAxisStd(s, 0, from, 100) > 0.15) continue;
                quiet++;
                double a = mean(Fixtures.magnitude(s, 0), from, 100);
                assertThat(a).as(s.id() + " at " + from).isCloseTo(Units.G, within(0.15 * Units.G));
                assertThat(mean(Fixtures.magnitude(s, 3), from, 100)).as(s.id() + " rad/s at rest").isLessThan(0.15);
            }
        }
        assertThat(quiet).isGreaterThan(30); // 40 in the published archive
        // rad/s, not deg/s: a jogging wrist turns at a few rad/s, rarely above 15
        double[] jog = real.sessions().stream().filter(s -> s.label().equals("jogging"))
                .flatMapToDouble(s -> Arrays.stream(Fixtures.magnitude(s, 3))).sorted().toArray();
        assertThat(jog[(int) (0.99 * jog.length)]).isBetween(3.0, 15.0);
        // walking: the acceleration magnitude beats at the step rate
        double[] steps = real.sessions().stream().filter(s -> s.label().equals("walking"))
                .mapToDouble(s -> Fixtures.dominantHz(Fixtures.magnitude(s, 0), 50, 0.5, 4)).sorted().toArray();
        assertThat(steps[steps.length / 2]).isBetween(1.5, 2.5);
    }

    private static Session session(String id) {
        return real.sessions().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    private static double mean(double[] x, int from, int n) {
        double m = 0;
        for (int i = from; i < from + n; i++) m += x[i];
        return m / n;
    }

    private static double maxAxisStd(Session s, int first, int from, int n) {
        double worst = 0;
        for (int c = first; c < first + 3; c++) {
            double m = 0;
            for (int i = from; i < from + n; i++) m += s.samples()[c][i];
            m /= n;
            double v = 0;
            for (int i = from; i < from + n; i++) v += (s.samples()[c][i] - m) * (s.samples()[c][i] - m);
            worst = Math.max(worst, Math.sqrt(v / n));
        }
        return worst;
    }

    @Test
    void burstsAreSpreadEvenlyAndPausesKept() {
        double[] raw = {0, 0.001, 0.002, 0.003, 0.004, 0.1, 0.101, 0.102, 0.103, 0.5, 0.501};
        double[] t = WedaFallReader.retime(raw);
        // 5 rows over 0.1 s: 0.02 apart; 4 rows then a 0.4 s pause: at most 1/35 s apart, the rest stays a gap;
        // the last burst at 50 Hz
        double w = 1 / 35.0;
        assertThat(t).containsExactly(new double[] {0, 0.02, 0.04, 0.06, 0.08, 0.1, 0.1 + w, 0.1 + 2 * w, 0.1 + 3 * w,
                0.5, 0.52}, within(1e-12));
    }

    // ---- bad input, in the exact layout, as a folder and as a zip ----

    /** Rows delivered in bursts of 5, 1 ms apart, every 0.1 s: x = sample index / 100, y = 0, z = 9.8. */
    private static List<String> rows(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double ts = (i / 5) * 0.1 + (i % 5) * 0.001;
            out.add(String.format(Locale.ROOT, "%.3f,%.2f,0.0,9.8", ts, i / 100.0));
        }
        return out;
    }

    private static void trial(Path dir, String code, String sensor, List<String> rows) throws IOException {
        String header = sensor + "_time_list," + sensor + "_x_list," + sensor + "_y_list," + sensor + "_z_list\n";
        Fixtures.write(dir, "dataset/50Hz/" + code + "/U01_R01_" + sensor + ".csv", header + String.join("\n", rows)
                + "\n");
    }

    @Test
    void badInputIsReportedWithFileLineAndColumnAndTheRestReads(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("weda_fall");
        List<String> d01 = rows(200);
        d01.set(28, "0.503,abc,0.0,9.8");                 // line 30: not a number
        trial(dir, "D01", "accel", d01);
        trial(dir, "D01", "gyro", rows(200));
        List<String> d02 = rows(100);
        d02.set(99, "1.904,0.9");                          // line 101: the file is cut in its last row
        trial(dir, "D02", "accel", d02);
        trial(dir, "D02", "gyro", rows(100));
        trial(dir, "D03", "accel", rows(100));             // no gyro partner
        trial(dir, "F01", "accel", rows(200));             // 0 .. 3.9 s, fall marked 1.0 .. 2.0 s
        trial(dir, "F01", "gyro", rows(200));
        trial(dir, "F02", "accel", rows(200));             // not marked
        trial(dir, "F02", "gyro", rows(200));
        Fixtures.write(dir, "dataset/fall_timestamps.csv",
                "\uFEFFfilename,start_time,end_time\nF01/U01_R01,1.0,2.0\nF03/U01_R01,x,2.0\n");

        for (Path p : List.of(dir, Fixtures.zip(dir, tmp.resolve("weda_fall.zip")))) {
            Dataset d = Fixtures.read(new WedaFallReader(), p);
            assertThat(d.sessions()).extracting(Session::id).containsExactly("U01_D01_R01", "U01_D02_R01",
                    "U01_F01_R01");
            Session walk = d.sessions().get(0);
            // the rows around the bad one keep their places: sample i is at 0.02 i s with x = i / 100
            assertThat(walk.length()).isEqualTo(200);
            assertThat(walk.samples()[0][24]).isCloseTo(0.24f, within(1e-5f));
            assertThat(walk.samples()[0][30]).isCloseTo(0.30f, within(1e-5f));
            // the burst that lost its row is spread over the same 0.1 s: values stay between their neighbours
            assertThat(walk.samples()[0][27]).isBetween(0.26f, 0.29f);
            assertThat(walk.samples()[2][100]).isEqualTo(9.8f);
            assertThat(d.sessions().get(1).length()).isEqualTo(99);
            Session fall = d.sessions().get(2);
            assertThat(fall.label()).isEqualTo("falling_forward");
            assertThat(fall.length()).isEqualTo(51); // 1.0 .. 2.0 s at 50 Hz
            assertThat(fall.samples()[0][0]).isCloseTo(0.5f, within(1e-5f));

            assertThat(at(d, "dataset/50Hz/D01/U01_R01_accel.csv", 30)).satisfies(q -> {
                assertThat(q.column()).isEqualTo(2);
                assertThat(q.message()).contains("abc");
            });
            assertThat(at(d, "dataset/50Hz/D02/U01_R01_accel.csv", 101)).satisfies(q -> {
                assertThat(q.column()).isEqualTo(3);
                assertThat(q.message()).contains("truncated");
            });
            assertThat(at(d, "dataset/fall_timestamps.csv", 3)).satisfies(q -> {
                assertThat(q.column()).isEqualTo(2);
                assertThat(q.message()).contains("'x'");
            });
            assertThat(Fixtures.problemsIn(d, "D03/U01_R01_accel.csv")).singleElement()
                    .satisfies(q -> assertThat(q.message()).contains("no gyro partner"));
            assertThat(Fixtures.problemsIn(d, "F02/U01_R01_accel.csv")).singleElement()
                    .satisfies(q -> assertThat(q.message()).contains("no row in fall_timestamps.csv"));
            assertThat(d.problems()).hasSize(5);
            assertThat(d.sessions().stream().map(Session::subject).collect(Collectors.toSet())).isEqualTo(Set.of("1"));
        }
    }

    private static ReadProblem at(Dataset d, String file, long line) {
        List<ReadProblem> l = d.problems().stream().filter(q -> q.file().equals(file) && q.line() == line).toList();
        assertThat(l).as(file + ":" + line + " in " + d.problems()).hasSize(1);
        return l.get(0);
    }
}
