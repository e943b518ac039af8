package io.tsfm.datasets.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.core.data.Units;
import io.tsfm.core.data.npy.NpyArray;
import io.tsfm.core.data.npy.NpyBytes;
import io.tsfm.core.data.npy.Npz;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UtdMhadReaderTest {
    private static Dataset real;

    @BeforeAll
    static void readReal() throws IOException {
        real = Fixtures.read(new UtdMhadReader(), Fixtures.realArchive("utd_mhad"));
    }

    @Test
    void rebuildsTrialsFromTheOverlappingWindows() {
        assertThat(real.problems()).isEmpty();
        // 27 actions x 8 subjects x 4 repetitions = 864, less one missing trial in each of catch, walking, squat
        assertThat(real.sessions()).hasSize(861);
        Map<String, Integer> counts = real.labelCounts();
        assertThat(counts).hasSize(27);
        assertThat(counts).containsEntry("catch", 31).containsEntry("walking", 31).containsEntry("squat", 31);
        assertThat(counts.values().stream().filter(c -> c == 32)).hasSize(24);
        // every published window is in exactly one session: a chain of k windows is 50 + 25 (k - 1) samples
        int windows = 0;
        for (Session s : real.sessions()) {
            assertThat((s.length() - 50) % 25).isZero();
            windows += (s.length() - 50) / 25 + 1;
            assertThat(s.rateHz()).isEqualTo(50.0);
            assertThat(s.numChannels()).isEqualTo(6);
        }
        assertThat(windows).isEqualTo(3771 + 1137);
        Fixtures.assertLabelsInVocabulary(real);
        assertThat(real.manifest().sourceUnits()).containsEntry(SensorKind.ACCELEROMETER, "g")
                .containsEntry(SensorKind.GYROSCOPE, "deg/s");
    }

    @Test
    void subjectsFollowThePublishedOrderAndAreUnknownOnlyWhereAmbiguous() {
        assertThat(real.manifest().subjects()).isEqualTo(8);
        Set<String> subjects = real.sessions().stream().map(Session::subject).collect(Collectors.toSet());
        assertThat(subjects).containsExactlyInAnyOrder("s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "unknown");
        // in an action with one trial missing, trial p is ambiguous when p % 4 == 3 (7 of 31): 3 actions x 7
        assertThat(real.sessions().stream().filter(s -> s.subject().equals("unknown"))).hasSize(21);
        // a complete action: 4 trials per subject in order
        List<String> wave = real.sessions().stream().filter(s -> s.label().equals("wave")).map(Session::subject).toList();
        assertThat(wave.subList(0, 8)).containsExactly("s1", "s1", "s1", "s1", "s2", "s2", "s2", "s2");
        assertThat(wave.get(31)).isEqualTo("s8");
    }

    @Test
    void sessionsReproduceEveryWindowInCanonicalUnits() throws IOException {
        try (DatasetSource src = DatasetSource.open(Fixtures.realArchive("utd_mhad"))) {
            for (String file : List.of("UTD-MHAD1_1s.npz", "UTD-MHAD2_1s.npz")) {
                double[] x;
                try (InputStream in = src.open(file)) {
                    x = Npz.read(in, file, Set.of("X")).get("X").toDoubleArray();
                }
                for (Session s : real.sessions()) {
                    if (!s.source().startsWith(file)) continue;
                    String[] range = s.source().replaceAll(".*windows (\\d+)-(\\d+).*", "$1 $2").split(" ");
                    int first = Integer.parseInt(range[0]);
                    int last = Integer.parseInt(range[1]);
                    for (int w = first; w <= last; w++) {
                        for (int t = 0; t < 50; t++) {
                            for (int c = 0; c < 6; c++) {
                                double scale = c < 3 ? Units.G : Math.PI / 180;
                                assertThat(s.samples()[c][(w - first) * 25 + t])
                                        .isEqualTo((float) (x[(w * 50 + t) * 6 + c] * scale));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void classOrderMatchesTheSignals() {
        // UTD-MHAD2 class 0 must be jogging and class 1 walking: jogging shakes the thigh far more
        double jog = meanAccStd("jogging");
        double walk = meanAccStd("walking");
        assertThat(jog).isGreaterThan(2 * walk);
        // static-ish leg actions read about 1 g, and gyro is in rad/s (deg/s would be ~57x larger)
        double sit = real.sessions().stream().filter(s -> s.label().equals("sit_to_stand"))
                .mapToDouble(Fixtures::meanAccMagnitude).average().orElseThrow();
        assertThat(sit).isCloseTo(Units.G, within(0.8));
        assertThat(real.sessions().stream().filter(s -> s.label().equals("lunge"))
                .mapToDouble(s -> Fixtures.meanStd(s, 3)).average().orElseThrow()).isBetween(0.05, 2.0);
        assertThat(real.sessions().stream().filter(s -> s.label().equals("swipe_left")).findFirst().orElseThrow()
                .channels()).extracting(Channel::position).containsOnly("right wrist");
        assertThat(real.sessions().stream().filter(s -> s.label().equals("squat")).findFirst().orElseThrow()
                .channels()).extracting(Channel::description).startsWith("Accelerometer X-axis (right thigh)");
    }

    private static double meanAccStd(String label) {
        return real.sessions().stream().filter(s -> s.label().equals(label))
                .mapToDouble(s -> Fixtures.meanStd(s, 0)).average().orElseThrow();
    }

    // ---- fixtures in the published npz layout ----

    /** Window w of a synthetic trial: sample t of the trial has value base + t on every channel. */
    private static void window(double[] x, int w, double base, int startInTrial) {
        for (int t = 0; t < 50; t++) {
            for (int c = 0; c < 6; c++) x[(w * 50 + t) * 6 + c] = base + startInTrial + t + c * 0.001;
        }
    }

    @Test
    void badArraysAreReportedAndTheOtherFileStillReads(@TempDir Path tmp) throws IOException {
        int n = 5;
        double[] x = new double[n * 50 * 6];
        window(x, 0, 100, 0);   // trial A, windows 0..2 overlap by 25 samples
        window(x, 1, 100, 25);
        window(x, 2, 100, 50);
        window(x, 3, 500, 0);   // trial B: does not continue A
        window(x, 4, 900, 0);   // its y row is not one-hot
        x[(3 * 50 + 10) * 6 + 2] = Double.NaN;
        double[] y = new double[n * 6];
        for (int i = 0; i < 4; i++) y[i * 6] = 1;
        y[4 * 6 + 1] = 0.5;
        Map<String, byte[]> arrays = new LinkedHashMap<>();
        arrays.put("X", NpyBytes.f8("(5, 1, 50, 6)", x));
        arrays.put("y", NpyBytes.f8("(5, 6)", y));
        arrays.put("folds", NpyBytes.objectArray());
        Path dir = tmp.resolve("utd_mhad");
        Fixtures.write(dir, "UTD-MHAD2_1s.npz", NpyBytes.npz(arrays));
        byte[] one = NpyBytes.npz(Map.of("X", NpyBytes.f8("(1, 1, 50, 6)", new double[300]),
                "y", NpyBytes.f8("(1, 21)", new double[21])));
        Fixtures.write(dir, "UTD-MHAD1_1s.npz", Arrays.copyOf(one, one.length / 2)); // truncated archive

        for (Path p : List.of(dir, Fixtures.zip(dir, tmp.resolve("utd_mhad.zip")))) {
            Dataset d = Fixtures.read(new UtdMhadReader(), p);
            assertThat(d.sessions()).extracting(Session::id).containsExactly("a22_t01", "a22_t02");
            Session a = d.sessions().get(0);
            assertThat(a.label()).isEqualTo("jogging");
            assertThat(a.length()).isEqualTo(100);
            for (int t = 0; t < 100; t++) assertThat(a.samples()[0][t]).isEqualTo((float) ((100 + t) * Units.G));
            Session b = d.sessions().get(1);
            assertThat(b.length()).isEqualTo(50);
            assertThat(b.samples()[2][10]).isEqualTo(b.samples()[2][9]); // NaN forward-filled
            assertThat(a.subject()).isEqualTo("unknown"); // 2 of 32 trials: position unknown

            ReadProblem hot = d.problems().stream().filter(q -> q.file().equals("UTD-MHAD2_1s.npz/y.npy"))
                    .findFirst().orElseThrow();
            assertThat(hot.line()).isEqualTo(5);
            assertThat(hot.message()).contains("record 4").contains("not one-hot");
            ReadProblem nan = d.problems().stream().filter(q -> !q.fatal()).findFirst().orElseThrow();
            assertThat(nan.file()).isEqualTo("UTD-MHAD2_1s.npz/X.npy");
            assertThat(nan.count()).isEqualTo(1);
            ReadProblem cut = d.problems().stream().filter(q -> q.file().startsWith("UTD-MHAD1")).findFirst()
                    .orElseThrow();
            assertThat(cut.fatal()).isTrue();
            assertThat(cut.message()).contains("file skipped");
            assertThat(d.problems()).hasSize(3);
        }
    }
}
