package io.tsfm.datasets.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.core.data.Units;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetRole;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HugadbReaderTest {
    private static final List<String> SITES = List.of("rf", "rs", "rt", "lf", "ls", "lt");
    private static Dataset real;

    @BeforeAll
    static void readReal() throws IOException {
        real = Fixtures.read(new HugadbReader(), Fixtures.realArchive("hugadb"));
    }

    @Test
    void readsEveryActivityRunOfTheSubset() {
        assertThat(real.problems()).noneMatch(ReadProblem::fatal);
        assertThat(real.sessions()).hasSize(1218);
        assertThat(real.labelCounts()).isEqualTo(Map.ofEntries(Map.entry("walking", 114), Map.entry("running", 18),
                Map.entry("going_up_stairs", 51), Map.entry("going_down_stairs", 58), Map.entry("sitting", 228),
                Map.entry("stand_to_sit", 177), Map.entry("sit_to_stand", 158), Map.entry("standing", 335),
                Map.entry("cycling", 4), Map.entry("elevator_up", 35), Map.entry("elevator_down", 36),
                Map.entry("sitting_in_car", 4)));
        assertThat(real.manifest().subjects()).isEqualTo(18);
        assertThat(real.manifest().role()).isEqualTo(DatasetRole.TRAIN);
        // 353,489 rows (~100.2 min) less the runs under 1 s
        assertThat(real.hours()).isCloseTo(1.6556, within(0.0005));
        assertThat(real.hours()).isLessThan(353_489 / 58.8 / 3600);
        Fixtures.assertLabelsInVocabulary(real);
        for (Session s : real.sessions()) {
            assertThat(s.rateHz()).isEqualTo(58.8);
            assertThat(s.length()).isGreaterThanOrEqualTo(HugadbReader.MIN_RUN);
            // all six accelerometers always; each channel names its body position
            List<Channel> acc = s.channels().stream().filter(c -> c.kind() == SensorKind.ACCELEROMETER).toList();
            assertThat(acc).hasSize(18);
            assertThat(s.channels()).allSatisfy(c -> assertThat(c.description()).isEqualTo(
                    Channel.describe(c.kind(), c.axis(), c.position())));
        }
        Session first = real.sessions().get(0);
        assertThat(first.channels().get(12).description()).isEqualTo("Accelerometer X-axis (right thigh)");
        assertThat(first.channels().get(12).position()).isEqualTo("right thigh");
        // the 3 units of the short runs dropped are counted, not silent
        assertThat(real.problems()).filteredOn(p -> p.message().contains("shorter than 59 rows"))
                .allSatisfy(p -> assertThat(p.line()).isPositive()).hasSizeGreaterThan(10);
    }

    @Test
    void theReadmesClippedGyroscopesAreDropped() {
        List<ReadProblem> dropped = real.problems().stream().filter(p -> p.message().contains("amplified 10x")).toList();
        assertThat(dropped).hasSize(84); // files of this subset the README lists with a corrupted gyroscope
        // 355 gyroscopes of 3 channels each
        assertThat(dropped.stream().mapToInt(p -> Integer.parseInt(p.message().replaceAll(".*their (\\d+) channels.*",
                "$1"))).sum()).isEqualTo(3 * 355);
        // e.g. subject 3's recordings: the right leg's three gyroscopes
        for (Session s : real.sessions().stream().filter(s -> s.id().startsWith("various_03_03")).toList()) {
            List<String> gyros = s.channels().stream().filter(c -> c.kind() == SensorKind.GYROSCOPE)
                    .map(Channel::name).toList();
            assertThat(gyros).containsExactly("gyro_lf_x", "gyro_lf_y", "gyro_lf_z", "gyro_ls_x", "gyro_ls_y",
                    "gyro_ls_z", "gyro_lt_x", "gyro_lt_y", "gyro_lt_z");
        }
        // what is kept of the walking recordings never reaches the int16 limit (32767 / 16.4 deg/s = 34.9 rad/s)
        for (Session s : real.sessions().stream().filter(s -> s.id().startsWith("various")).toList()) {
            for (int c = 0; c < s.numChannels(); c++) {
                if (s.channels().get(c).kind() != SensorKind.GYROSCOPE) continue;
                for (float v : s.samples()[c]) assertThat(Math.abs(v)).as(s.id()).isLessThan(34.8f);
            }
        }
    }

    @Test
    void unitsArePhysical() {
        for (String site : SITES) {
            double[] standing = real.sessions().stream().filter(s -> s.label().equals("standing"))
                    .mapToDouble(s -> mean(Fixtures.magnitude(s, Fixtures.channel(s, "acc_" + site + "_x"))))
                    .sorted().toArray();
            assertThat(standing[standing.length / 2]).as(site).isCloseTo(Units.G, within(0.15 * Units.G));
            double[] still = real.sessions().stream().filter(s -> s.label().equals("sitting"))
                    .filter(s -> has(s, "gyro_" + site + "_x"))
                    .mapToDouble(s -> mean(Fixtures.magnitude(s, Fixtures.channel(s, "gyro_" + site + "_x"))))
                    .sorted().toArray();
            assertThat(still.length).as(site).isGreaterThan(10);
            assertThat(still[still.length / 2]).as(site + " rad/s at rest").isLessThan(0.1);
        }
        // walking: the thigh's acceleration magnitude beats at the step rate
        double[] steps = real.sessions().stream().filter(s -> s.label().equals("walking") && s.durationSeconds() > 4)
                .mapToDouble(s -> Fixtures.dominantHz(Fixtures.magnitude(s, Fixtures.channel(s, "acc_rt_x")), 58.8,
                        0.5, 4)).sorted().toArray();
        assertThat(steps[steps.length / 2]).isBetween(1.5, 2.5);
    }

    private static boolean has(Session s, String channel) {
        return s.channels().stream().anyMatch(c -> c.name().equals(channel));
    }

    private static double mean(double[] x) {
        return Arrays.stream(x).average().orElseThrow();
    }

    // ---- bad input, in the exact format, as a folder and as a zip ----

    private static final String HEADER_ROW = String.join("\t", header());

    private static List<String> header() {
        List<String> h = new ArrayList<>();
        for (String s : SITES) {
            for (String k : List.of("acc", "gyro")) for (String a : List.of("x", "y", "z")) h.add(k + "_" + s + "_" + a);
        }
        h.addAll(List.of("EMG_r", "EMG_l", "act"));
        return h;
    }

    /** A row: every accelerometer reads 1 g on z (16384), every gyroscope 164 counts (10 deg/s) on x. */
    private static String row(int act) {
        List<String> cells = new ArrayList<>();
        for (int s = 0; s < 6; s++) cells.addAll(List.of("0", "0", "16384", "164", "0", "0"));
        cells.addAll(List.of("120", "130", Integer.toString(act)));
        return String.join("\t", cells);
    }

    private static String file(List<String> rows) {
        return "#Activity\tstanding walking\n#ActivityID\t8 1\n#Date 08-18-10-00\n" + HEADER_ROW + "\n"
                + String.join("\n", rows) + "\n";
    }

    private static List<String> rows(int n, int act) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(row(act));
        return out;
    }

    @Test
    void badInputIsReportedWithFileLineAndColumnAndTheRestReads(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("hugadb");
        List<String> a = new ArrayList<>();
        a.addAll(rows(70, 8));          // lines 5-74 standing
        a.addAll(rows(140, 1));         // lines 75-214 walking ...
        a.set(139, row(1).replaceFirst("16384", "16x384")); // ... line 144 not a number: walking splits there
        a.addAll(rows(10, 5));          // lines 215-224: a 10-row sitting run, dropped as too short
        a.addAll(rows(3, 13));          // lines 225-227: unknown code
        a.addAll(rows(60, 8));          // lines 228-287 standing
        Fixtures.write(dir, "HuGaDB/Data/HuGaDB_v1_various_01_00.txt", file(a));
        List<String> b = rows(80, 2);   // lines 5-84 running, the last cut short
        b.set(79, "12\t-40\t16");
        Fixtures.write(dir, "HuGaDB/Data/HuGaDB_v1_running_02_01.txt", file(b));
        Fixtures.write(dir, "HuGaDB/Data/HuGaDB_v1_walking_03_00.txt",
                file(rows(80, 1)).replace("\tacc_lt_z\t", "\tacc_lt_zz\t"));
        Fixtures.write(dir, "README.md", "|File| Right foot | Left foot | Right shank | Left shank | Right thigh |"
                + " Left thigh |\n|----|---|---|---|---|---|---|\n"
                + "|HuGaDB_v1_running_02_01.txt | \tCorrupted\t|\tOK\t| \tOK\t|\tOK\t|\tOK\t|\tOK\t|\n");

        for (Path p : List.of(dir, Fixtures.zip(dir, tmp.resolve("hugadb.zip")))) {
            Dataset d = Fixtures.read(new HugadbReader(), p);
            assertThat(d.sessions()).extracting(Session::id).containsExactly("running_02_01_000005",
                    "various_01_00_000005", "various_01_00_000075", "various_01_00_000145", "various_01_00_000228");
            assertThat(d.sessions()).extracting(Session::label).containsExactly("running", "standing", "walking",
                    "walking", "standing");
            assertThat(d.sessions()).extracting(Session::length).containsExactly(79, 70, 69, 70, 60);
            Session standing = d.sessions().get(1);
            assertThat(standing.numChannels()).isEqualTo(36);
            assertThat(standing.samples()[2][0]).isCloseTo((float) Units.G, within(1e-5f));
            assertThat(standing.samples()[3][0]).isCloseTo((float) Math.toRadians(10), within(1e-6f));
            assertThat(d.sessions().get(0).numChannels()).isEqualTo(33);
            assertThat(d.sessions().get(0).channels()).noneMatch(c -> c.name().startsWith("gyro_rf"));

            String various = "HuGaDB/Data/HuGaDB_v1_various_01_00.txt";
            assertThat(at(d, various, 144)).satisfies(q -> {
                assertThat(q.column()).isEqualTo(3);
                assertThat(q.message()).contains("16x384");
            });
            assertThat(at(d, various, 215).message()).contains("shorter than 59 rows");
            assertThat(at(d, various, 225)).satisfies(q -> {
                assertThat(q.column()).isEqualTo(39);
                assertThat(q.message()).contains("unknown activity code 13").contains("3 rows skipped");
            });
            assertThat(at(d, "HuGaDB/Data/HuGaDB_v1_running_02_01.txt", 84).message()).contains("truncated");
            assertThat(at(d, "HuGaDB/Data/HuGaDB_v1_walking_03_00.txt", 4).message()).contains("'acc_lt_z'");
            assertThat(Fixtures.problemsIn(d, "running_02_01.txt")).filteredOn(q -> q.message().contains("amplified"))
                    .singleElement().satisfies(q -> assertThat(q.message()).contains("right foot"));
            assertThat(d.problems()).hasSize(6);
            assertThat(d.sessions().stream().map(Session::subject).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder("1", "2");
        }
    }

    private static ReadProblem at(Dataset d, String file, long line) {
        List<ReadProblem> l = d.problems().stream().filter(q -> q.file().equals(file) && q.line() == line).toList();
        assertThat(l).as(file + ":" + line + " in " + d.problems()).hasSize(1);
        return l.get(0);
    }
}
