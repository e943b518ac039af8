package io.tsfm.datasets.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.Dataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MhealthReaderTest {
    @TempDir
    Path tmp;

    /** One published row: 23 tab-separated signals (value row + column / 100) and the label. */
    private static String row(int n, int label) {
        return row(n, label, -1, null);
    }

    /** A row whose 0-based signal column {@code col} holds {@code cell} instead. */
    private static String row(int n, int label, int col, String cell) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < 23; c++) {
            b.append(c == col ? cell : String.format(Locale.ROOT, "%.2f", n + c / 100.0)).append('\t');
        }
        return b.append(label).append('\n').toString();
    }

    @Test
    void labelRunsBecomeSessionsAndBadRowsAreReported() throws IOException {
        StringBuilder s1 = new StringBuilder();
        int n = 0;
        for (int i = 0; i < 3; i++) s1.append(row(n++, 0));          // lines 1-3 null class
        for (int i = 0; i < 4; i++) s1.append(row(n++, 1));          // 4-7 standing
        for (int i = 0; i < 2; i++) s1.append(row(n++, 0));          // 8-9 null
        for (int i = 0; i < 3; i++) s1.append(row(n++, 4));          // 10-12 walking
        s1.append(row(n++, 4, 1, "abc"));                            // 13 non-numeric, column 2
        for (int i = 0; i < 2; i++) s1.append(row(n++, 4));          // 14-15 walking
        s1.append("1.0\t2.0\t3.0\n");                                 // 16 truncated
        for (int i = 0; i < 2; i++) s1.append(row(n++, 13));         // 17-18 unknown activity
        s1.append(row(n++, 12, 11, "NaN"));                          // 19 jump, NaN in column 12
        for (int i = 0; i < 2; i++) s1.append(row(n++, 12));         // 20-21
        Fixture f = new Fixture(tmp).text("MHEALTHDATASET/mHealth_subject1.log", s1.toString())
                .text("MHEALTHDATASET/mHealth_subject2.log", row(0, 2) + row(1, 2))
                .text("MHEALTHDATASET/README.txt", "not data");

        Dataset d = f.read(new MhealthReader());

        assertThat(d.sessions()).extracting(Session::id).containsExactly(
                "subject01_000", "subject01_001", "subject01_002", "subject01_003", "subject02_000");
        assertThat(d.sessions()).extracting(Session::label).containsExactly(
                "standing", "walking", "walking", "jump_front_back", "sitting");
        assertThat(d.sessions()).extracting(Session::length).containsExactly(4, 3, 2, 3, 2);
        assertThat(d.sessions()).extracting(Session::source).first().isEqualTo("MHEALTHDATASET/mHealth_subject1.log:4-7");

        String file = "MHEALTHDATASET/mHealth_subject1.log";
        assertThat(Fixture.errors(d)).containsExactly(file + ":13:2", file + ":16:4", file + ":17:24");
        assertThat(d.problems()).filteredOn(p -> p.line() == 17).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("activity 13.0").contains("2 rows skipped"));
        assertThat(d.problems()).filteredOn(p -> !p.fatal()).singleElement().satisfies(p -> {
            assertThat(p.count()).isEqualTo(1);
            assertThat(p.message()).contains("NaN/Inf");
        });

        Session standing = d.sessions().get(0); // rows n = 3..6
        assertThat(standing.channels()).hasSize(23);
        assertThat(standing.channels().get(8).name()).isEqualTo("ankle_gyro_x");
        assertThat(standing.channels().get(8).kind()).isEqualTo(SensorKind.GYROSCOPE);
        assertThat(standing.channels().get(8).description()).isEqualTo("Left ankle angular velocity X-axis");
        assertThat(standing.samples()[0][0]).isCloseTo(3.00f, within(1e-5f));                    // m/s^2 as published
        assertThat(standing.samples()[8][1]).isCloseTo((float) Math.toRadians(4.08), within(1e-6f)); // deg/s -> rad/s
        assertThat(standing.samples()[11][0]).isCloseTo(3.11f, within(1e-5f));                   // magnetometer kept
        assertThat(standing.channels().get(11).unit()).isEqualTo("local");
        Session jump = d.sessions().get(3);
        assertThat(jump.samples()[11][0]).isEqualTo(jump.samples()[11][1]); // NaN back-filled from the next row
        assertThat(d.manifest().subjects()).isEqualTo(2);
        assertThat(d.problems()).noneMatch(p -> p.file().endsWith("README.txt"));
        assertThat(d.problems()).extracting(ReadProblem::file).allMatch(x -> x.equals(file));
    }
}
