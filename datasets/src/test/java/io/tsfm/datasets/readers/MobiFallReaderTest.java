package io.tsfm.datasets.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetRole;
import io.tsfm.datasets.DatasetSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MobiFallReaderTest {
    private static Dataset real;

    @BeforeAll
    static void readReal() throws IOException {
        real = Fixtures.read(new MobiFallReader(), Fixtures.realArchive("mobifall_v2"));
    }

    @Test
    void readsEveryTrialPairOfThePublishedArchive() {
        assertThat(real.sessions()).hasSize(630);
        // ADLs from 9 subjects (1 trial of STD/WAL, 3 of JOG/JUM, 6 of the rest), falls from 24 subjects x 3
        assertThat(real.labelCounts()).isEqualTo(Map.ofEntries(Map.entry("standing", 9), Map.entry("walking", 9),
                Map.entry("jogging", 27), Map.entry("jumping", 27), Map.entry("stairs_up", 54),
                Map.entry("stairs_down", 54), Map.entry("sitting_chair", 54), Map.entry("car_step_in", 54),
                Map.entry("car_step_out", 54), Map.entry("fall_forward", 72), Map.entry("fall_backward_knees", 72),
                Map.entry("fall_backward_sitting", 72), Map.entry("fall_sideways", 72)));
        Set<String> subjects = real.sessions().stream().map(Session::subject).collect(Collectors.toSet());
        Set<String> expected = new java.util.HashSet<>();
        for (int i = 1; i <= 21; i++) expected.add(Integer.toString(i));
        expected.addAll(List.of("29", "30", "31"));
        assertThat(subjects).isEqualTo(expected);
        assertThat(real.manifest().subjects()).isEqualTo(24);
        assertThat(real.manifest().role()).isEqualTo(DatasetRole.ZERO_SHOT);
        assertThat(real.manifest().resampling()).contains("linearly interpolated").contains("50 Hz");
        Fixtures.assertLabelsInVocabulary(real);
        for (Session s : real.sessions()) {
            assertThat(s.rateHz()).isEqualTo(50.0);
            assertThat(s.channels()).extracting(Channel::description).containsExactly(
                    "Accelerometer X-axis (waist-mounted smartphone)", "Accelerometer Y-axis (waist-mounted smartphone)",
                    "Accelerometer Z-axis (waist-mounted smartphone)", "Gyroscope X-axis (waist-mounted smartphone)",
                    "Gyroscope Y-axis (waist-mounted smartphone)", "Gyroscope Z-axis (waist-mounted smartphone)");
        }
        // the overlap of acc and gyro, summed over trials, is 3.302 h (computed independently from the files)
        assertThat(real.hours()).isCloseTo(3.302, within(0.005));
    }

    @Test
    void theArchivesQuirksAreWarnedNotDropped() {
        assertThat(real.problems()).noneMatch(ReadProblem::fatal);
        // one repeated timestamp (a duplicated row) in this file
        List<ReadProblem> dup = Fixtures.problemsIn(real, "sub10/ADL/STU/STU_gyro_10_2.txt").stream()
                .filter(p -> p.message().contains("not after")).toList();
        assertThat(dup).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(1025);
            assertThat(p.count()).isEqualTo(1);
        });
        // subject 21's sideways falls sit in the FOL folder; their file names (and headers) say SDL
        assertThat(real.sessions().stream().filter(s -> s.id().startsWith("sub21_SDL"))).hasSize(3)
                .allMatch(s -> s.label().equals("fall_sideways"));
    }

    @Test
    void standingMeasuresGravityAndJoggingMovesMore() {
        double standing = real.sessions().stream().filter(s -> s.label().equals("standing"))
                .mapToDouble(Fixtures::meanAccMagnitude).average().orElseThrow();
        assertThat(standing).isCloseTo(9.81, within(0.4));
        double still = real.sessions().stream().filter(s -> s.label().equals("standing"))
                .mapToDouble(s -> Fixtures.meanStd(s, 3)).average().orElseThrow();
        double jog = real.sessions().stream().filter(s -> s.label().equals("jogging"))
                .mapToDouble(s -> Fixtures.meanStd(s, 3)).average().orElseThrow();
        assertThat(jog).isGreaterThan(5 * still);
    }

    @Test
    void resampledValuesInterpolateTheRawRows() throws IOException {
        Session s = real.sessions().stream().filter(x -> x.id().equals("sub01_BSC_1")).findFirst().orElseThrow();
        double[][] acc = raw("sub1/FALLS/BSC/BSC_acc_1_1.txt");
        double[][] gyro = raw("sub1/FALLS/BSC/BSC_gyro_1_1.txt");
        double start = Math.max(acc[0][0], gyro[0][0]);
        double end = Math.min(acc[acc.length - 1][0], gyro[gyro.length - 1][0]);
        assertThat(s.length()).isEqualTo((int) Math.floor((end - start) / 2e7 + 1e-9) + 1);
        for (int k : new int[] {0, 1, 137, s.length() - 1}) {
            double t = start + k * 2e7;
            for (int c = 0; c < 3; c++) {
                assertThat(s.samples()[c][k]).isCloseTo((float) interpolate(acc, t, c + 1), within(1e-4f));
                assertThat(s.samples()[3 + c][k]).isCloseTo((float) interpolate(gyro, t, c + 1), within(1e-4f));
            }
        }
    }

    private static double interpolate(double[][] rows, double t, int col) {
        for (int i = 0; i + 1 < rows.length; i++) {
            if (rows[i][0] <= t && t <= rows[i + 1][0]) {
                double w = (t - rows[i][0]) / (rows[i + 1][0] - rows[i][0]);
                return rows[i][col] + w * (rows[i + 1][col] - rows[i][col]);
            }
        }
        throw new AssertionError("t outside the rows");
    }

    private static double[][] raw(String entry) throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (DatasetSource src = DatasetSource.open(Fixtures.realArchive("mobifall_v2"));
             BufferedReader r = new BufferedReader(new InputStreamReader(src.open(entry), StandardCharsets.UTF_8))) {
            String line;
            boolean data = false;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("@DATA")) {
                    data = true;
                } else if (data && !line.isBlank()) {
                    String[] f = line.split(",");
                    rows.add(new double[] {Double.parseDouble(f[0].strip()), Double.parseDouble(f[1].strip()),
                            Double.parseDouble(f[2].strip()), Double.parseDouble(f[3].strip())});
                }
            }
        }
        return rows.toArray(new double[0][]);
    }

    // ---- fixtures in the published layout ----

    private static final String HEADER = "#Acceleration force along the x y z axes (including gravity).\r\n"
            + "#timestamp(ns),x,y,z(m/s^2)\r\n#Datetime: 05/08/2013 12:36:04\r\n"
            + "##########################################\r\n#Activity: 2 - WAL - Walking normal - 300s\r\n"
            + "#Subject ID: 1\r\n#First Name: sub1\r\n#Last Name: sub1\r\n#Age: 32\r\n#Height(cm): 180\r\n"
            + "#Weight(kg): 85\r\n#Gender: Male\r\n##########################################\r\n\r\n\r\n@DATA\r\n";
    private static final long T0 = 939_489_614_000L;

    /** A stream at {@code hz} from {@code startS} for {@code n} rows: x = seconds since T0, y = 9.81, z = -1. */
    private static List<String> stream(double hz, double startS, int n) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double ts = startS + i / hz;
            rows.add(String.format(Locale.ROOT, "%d, %.6f, 9.81, -1.0", T0 + Math.round(ts * 1e9), ts));
        }
        return rows;
    }

    private static String file(List<String> rows) {
        return HEADER + String.join("\r\n", rows) + "\r\n";
    }

    @Test
    void badRowsAndTrialsAreReportedWhileTheRestReads(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("mobifall_v2");
        List<String> acc = stream(100, 0, 201);          // 0 .. 2 s
        acc.set(50, acc.get(50).replace(", 9.81,", ", NaN,"));                       // line 67: NaN repaired
        acc.set(80, String.format(Locale.ROOT, "%d, 0.1, 9.81, -1.0", T0 + 300_000_000L)); // line 97: backwards
        acc.set(120, acc.get(120).replace(", 9.81,", ", 9.8x1,"));                   // line 137: not a number
        Fixtures.write(dir, "sub1/ADL/WAL/WAL_acc_1_1.txt", file(acc));
        Fixtures.write(dir, "sub1/ADL/WAL/WAL_gyro_1_1.txt", file(stream(200, 0.05, 380))); // 0.05 .. 1.945 s
        Fixtures.write(dir, "sub1/ADL/JOG/JOG_acc_1_1.txt", file(stream(100, 0, 100)));     // no gyro partner
        Fixtures.write(dir, "sub1/ADL/XYZ/XYZ_acc_1_1.txt", file(stream(100, 0, 100)));     // unknown code
        Fixtures.write(dir, "sub1/ADL/XYZ/XYZ_gyro_1_1.txt", file(stream(200, 0, 200)));
        List<String> fol = stream(100, 0, 100);
        fol.set(99, "939490604000, 0.1");                                            // line 116: truncated
        Fixtures.write(dir, "sub1/FALLS/FOL/FOL_acc_1_1.txt", file(fol));
        Fixtures.write(dir, "sub1/FALLS/FOL/FOL_gyro_1_1.txt", file(stream(200, 0, 200)));

        for (Path p : List.of(dir, Fixtures.zip(dir, tmp.resolve("mobifall_v2.zip")))) {
            Dataset d = Fixtures.read(new MobiFallReader(), p);
            assertThat(d.sessions()).extracting(Session::id).containsExactly("sub01_FOL_1", "sub01_WAL_1");
            Session wal = d.sessions().get(1);
            // common clock: from the gyro's start (0.05 s) to the gyro's end (1.945 s) at 50 Hz
            assertThat(wal.length()).isEqualTo(95);
            for (int k = 0; k < wal.length(); k++) {
                double t = 0.05 + k * 0.02;
                assertThat(wal.samples()[0][k]).as("acc x = t").isCloseTo((float) t, within(1e-5f));
                assertThat(wal.samples()[1][k]).isEqualTo(9.81f);
                assertThat(wal.samples()[3][k]).as("gyro x = t").isCloseTo((float) t, within(1e-5f));
            }
            // the truncated last row of FOL's acc is skipped; the trial ends at its previous row
            assertThat(d.sessions().get(0).length()).isEqualTo(50); // 0 .. 0.98 s

            String walAcc = "sub1/ADL/WAL/WAL_acc_1_1.txt";
            assertThat(at(d, walAcc, 97)).satisfies(q -> {
                assertThat(q.fatal()).isFalse();
                assertThat(q.message()).contains("not after");
            });
            assertThat(at(d, walAcc, 137)).satisfies(q -> {
                assertThat(q.column()).isEqualTo(3);
                assertThat(q.message()).contains("9.8x1");
            });
            assertThat(d.problems()).filteredOn(q -> q.file().equals(walAcc) && q.message().contains("NaN"))
                    .singleElement().satisfies(q -> assertThat(q.count()).isEqualTo(1));
            assertThat(at(d, "sub1/FALLS/FOL/FOL_acc_1_1.txt", 116).message()).contains("expected 4 values, found 2");
            assertThat(Fixtures.problemsIn(d, "JOG_acc_1_1.txt")).singleElement()
                    .satisfies(q -> assertThat(q.message()).contains("no gyro partner"));
            assertThat(Fixtures.problemsIn(d, "XYZ_acc_1_1.txt")).singleElement()
                    .satisfies(q -> assertThat(q.message()).contains("XYZ").contains("vocabulary"));
            assertThat(d.problems()).hasSize(6);
        }
    }

    private static ReadProblem at(Dataset d, String file, long line) {
        List<ReadProblem> l = d.problems().stream().filter(q -> q.file().equals(file) && q.line() == line).toList();
        assertThat(l).as(file + ":" + line + " in " + d.problems()).hasSize(1);
        return l.get(0);
    }

    @Test
    void headerLinesAreCountedUpToTheData(@TempDir Path tmp) throws IOException {
        Fixtures.write(tmp, "a.txt", file(stream(100, 0, 3)));
        try (DatasetSource src = DatasetSource.open(tmp)) {
            assertThat(MobiFallReader.headerLines(src, "a.txt")).isEqualTo(16);
        }
    }
}
