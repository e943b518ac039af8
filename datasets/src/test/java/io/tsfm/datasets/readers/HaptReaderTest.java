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
import io.tsfm.datasets.DatasetSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HaptReaderTest {
    private static final List<String> LABELS = List.of("walking", "walking_upstairs", "walking_downstairs", "sitting",
            "standing", "lying", "stand_to_sit", "sit_to_stand", "sit_to_lie", "lie_to_sit", "stand_to_lie",
            "lie_to_stand");
    private static Dataset real;

    @BeforeAll
    static void readReal() throws IOException {
        real = Fixtures.read(new HaptReader(), Fixtures.realArchive("hapt"));
    }

    @Test
    void readsEveryLabelledSegmentOfThePublishedArchive() {
        assertThat(real.problems()).isEmpty();
        assertThat(real.sessions()).hasSize(1214); // one per line of RawData/labels.txt
        assertThat(real.manifest().subjects()).isEqualTo(30);
        assertThat(real.sessions().stream().map(Session::subject).collect(Collectors.toSet()))
                .isEqualTo(IntStream.rangeClosed(1, 30).mapToObj(Integer::toString).collect(Collectors.toSet()));
        assertThat(real.labelCounts().keySet()).isEqualTo(new TreeSet<>(LABELS));
        assertThat(real.manifest().labels()).containsExactlyInAnyOrderElementsOf(LABELS);
        assertThat(real.manifest().role()).isEqualTo(DatasetRole.TRAIN);
        assertThat(real.manifest().sourceUnits()).containsEntry(SensorKind.ACCELEROMETER, "g")
                .containsEntry(SensorKind.GYROSCOPE, "rad/s");
        // sum of (end - start + 1) over labels.txt
        assertThat(real.sessions().stream().mapToLong(Session::length).sum()).isEqualTo(815_614L);
        assertThat(real.hours()).isCloseTo(815_614 / 50.0 / 3600, within(1e-9));
        Fixtures.assertLabelsInVocabulary(real);
        for (Session s : real.sessions()) {
            assertThat(s.rateHz()).isEqualTo(50.0);
            assertThat(s.channels()).extracting(Channel::description).containsExactly(
                    "Accelerometer X-axis (waist)", "Accelerometer Y-axis (waist)", "Accelerometer Z-axis (waist)",
                    "Gyroscope X-axis (waist)", "Gyroscope Y-axis (waist)", "Gyroscope Z-axis (waist)");
        }
        assertThat(real.manifest().description()).isEqualTo(HaptReader.DESCRIPTION);
    }

    @Test
    void segmentSamplesAreTheRawLinesInCanonicalUnits() throws IOException {
        // labels.txt line 1: exp 1, user 1, activity 5 (STANDING), samples 250..1232
        Session s = real.sessions().stream().filter(x -> x.id().equals("exp01_user01_000250")).findFirst().orElseThrow();
        assertThat(s.label()).isEqualTo("standing");
        assertThat(s.subject()).isEqualTo("1");
        assertThat(s.length()).isEqualTo(983);
        String[] acc250 = line(Fixtures.realArchive("hapt"), "RawData/acc_exp01_user01.txt", 250);
        String[] gyro1232 = line(Fixtures.realArchive("hapt"), "RawData/gyro_exp01_user01.txt", 1232);
        for (int c = 0; c < 3; c++) {
            assertThat(s.samples()[c][0]).isEqualTo((float) (Double.parseDouble(acc250[c]) * Units.G));
            assertThat(s.samples()[3 + c][982]).isEqualTo((float) Double.parseDouble(gyro1232[c]));
        }
    }

    @Test
    void staticPosturesMeasureGravityAndWalkingMovesMore() {
        for (String label : List.of("standing", "sitting", "lying")) {
            double mean = real.sessions().stream().filter(s -> s.label().equals(label))
                    .mapToDouble(Fixtures::meanAccMagnitude).average().orElseThrow();
            assertThat(mean).as(label).isCloseTo(9.81, within(0.4));
        }
        double still = real.sessions().stream().filter(s -> s.label().equals("standing"))
                .mapToDouble(s -> Fixtures.meanStd(s, 0)).average().orElseThrow();
        double walk = real.sessions().stream().filter(s -> s.label().equals("walking"))
                .mapToDouble(s -> Fixtures.meanStd(s, 0)).average().orElseThrow();
        assertThat(walk).isGreaterThan(5 * still);
        double gyroStill = real.sessions().stream().filter(s -> s.label().equals("lying"))
                .mapToDouble(s -> Fixtures.meanStd(s, 3)).average().orElseThrow();
        assertThat(gyroStill).as("rad/s at rest").isLessThan(0.1);
    }

    private static String[] line(Path archive, String entry, int lineNo) throws IOException {
        try (DatasetSource src = DatasetSource.open(archive);
             BufferedReader r = new BufferedReader(new InputStreamReader(src.open(entry), StandardCharsets.UTF_8))) {
            for (int i = 1; i < lineNo; i++) r.readLine();
            return r.readLine().strip().split("\\s+");
        }
    }

    // ---- bad input, in the exact layout, as a folder and as a zip ----

    private static String rows(int n, java.util.function.IntFunction<String> row) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) b.append(row.apply(i)).append('\n');
        return b.toString();
    }

    private static String acc(int i) {
        return String.format(Locale.ROOT, "%.4f 1.0 %.4f", i * 0.01, -i * 0.001);
    }

    static Path writeFixture(Path dir) throws IOException {
        Fixtures.write(dir, "activity_labels.txt", "1 WALKING\n4 SITTING\n5 STANDING\n6 LAYING\n13 DANCING\n");
        Fixtures.write(dir, "RawData/acc_exp01_user01.txt",
                rows(40, i -> i == 5 ? "NaN 1.0 0.0" : acc(i)));
        Fixtures.write(dir, "RawData/gyro_exp01_user01.txt", rows(40, i -> "0.1 0.2 0.3"));
        Fixtures.write(dir, "RawData/acc_exp02_user02.txt", rows(40, i -> i == 25 ? "0.25 1.0"
                : i == 30 ? "0.30 abc 0.1" : acc(i)));
        Fixtures.write(dir, "RawData/gyro_exp02_user02.txt", rows(40, i -> "0.1 0.2 0.3"));
        Fixtures.write(dir, "RawData/acc_exp03_user03.txt", rows(40, HaptReaderTest::acc)); // its gyro is missing
        Fixtures.write(dir, "RawData/labels.txt", String.join("\n",
                "1 1 5 1 10",    // 1 standing, NaN at sample 5 repaired
                "1 1 1 11 30",   // 2 walking
                "2 2 4 1 20",    // 3 sitting, before the bad rows
                "2 2 4 21 28",   // 4 covers the truncated line 25: skipped
                "2 2 6 31 40",   // 5 lying, after both bad rows
                "2 2 13 1 5",    // 6 DANCING is outside the vocabulary
                "3 3 5 1 10",    // 7 gyro file missing
                "1 1 x 1 2",     // 8 non-numeric cell
                "1 1 5 35 50",   // 9 runs past the end of the file
                "") );
        return dir;
    }

    @Test
    void badInputIsReportedWithFileLineAndColumnAndTheRestReads(@TempDir Path tmp) throws IOException {
        Path folder = writeFixture(tmp.resolve("hapt"));
        Dataset d = Fixtures.read(new HaptReader(), folder);
        assertThat(d.sessions()).extracting(Session::id).containsExactly(
                "exp01_user01_000001", "exp01_user01_000011", "exp02_user02_000001", "exp02_user02_000031");
        assertThat(d.sessions()).extracting(Session::label).containsExactly("standing", "walking", "sitting", "lying");

        // samples after the skipped rows keep their own line numbers: lying starts at line 31
        Session lying = d.sessions().get(3);
        assertThat(lying.samples()[0][0]).isEqualTo((float) (0.31 * Units.G));
        assertThat(lying.length()).isEqualTo(10);
        // NaN at sample 5 forward-filled from sample 4
        assertThat(d.sessions().get(0).samples()[0][4]).isEqualTo((float) (0.04 * Units.G));

        assertThat(problem(d, "activity_labels.txt", 5)).satisfies(p -> {
            assertThat(p.column()).isEqualTo(2);
            assertThat(p.message()).contains("DANCING").contains("vocabulary");
        });
        assertThat(problem(d, "RawData/acc_exp02_user02.txt", 25).message()).contains("expected 3 values, found 2");
        assertThat(problem(d, "RawData/acc_exp02_user02.txt", 30)).satisfies(p -> {
            assertThat(p.column()).isEqualTo(2);
            assertThat(p.message()).contains("abc");
        });
        assertThat(problem(d, "RawData/labels.txt", 4).message()).contains("acc_exp02_user02.txt line 25");
        assertThat(problem(d, "RawData/labels.txt", 6).column()).isEqualTo(3);
        assertThat(problem(d, "RawData/labels.txt", 7).message()).contains("gyro_exp03_user03.txt is missing");
        assertThat(problem(d, "RawData/labels.txt", 8)).satisfies(p -> {
            assertThat(p.column()).isEqualTo(3);
            assertThat(p.message()).contains("'x'");
        });
        assertThat(problem(d, "RawData/labels.txt", 9).message()).contains("has 40 samples");
        ReadProblem nan = d.problems().stream().filter(p -> !p.fatal()).findFirst().orElseThrow();
        assertThat(nan.file()).contains("acc_exp01_user01.txt");
        assertThat(nan.line()).isEqualTo(1);
        assertThat(nan.count()).isEqualTo(1);
        assertThat(d.problems()).hasSize(9);

        // the same layout zipped reads the same
        Dataset z = Fixtures.read(new HaptReader(), Fixtures.zip(folder, tmp.resolve("hapt.zip")));
        assertThat(z.sessions()).extracting(Session::id).isEqualTo(d.sessions().stream().map(Session::id).toList());
        assertThat(z.problems()).isEqualTo(d.problems());
        assertThat(z.sessions().get(3).samples()[0]).isEqualTo(lying.samples()[0]);
    }

    private static ReadProblem problem(Dataset d, String file, long line) {
        List<ReadProblem> l = d.problems().stream().filter(p -> p.file().equals(file) && p.line() == line).toList();
        assertThat(l).as("problems at " + file + ":" + line + " in " + d.problems()).hasSize(1);
        return l.get(0);
    }

    @Test
    void anArchiveWithoutTheLayoutIsRefused(@TempDir Path tmp) throws IOException {
        Fixtures.write(tmp, "x/readme.txt", "nothing here");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Fixtures.read(new HaptReader(), tmp.resolve("x")))
                .isInstanceOf(IOException.class).hasMessageContaining("RawData/labels.txt");
    }
}
