package io.tsfm.datasets.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.Session;
import io.tsfm.core.data.Units;
import io.tsfm.datasets.Dataset;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HarthReaderTest {
    private static final String HEADER = "timestamp,back_x,back_y,back_z,thigh_x,thigh_y,thigh_z,label\n";

    /** A row {@code ms} milliseconds after 2019-01-12 00:00:00 with back_x = {@code v}. */
    private static String row(long ms, double v, int code) {
        return String.format(java.util.Locale.ROOT, "2019-01-12 00:%02d:%02d.%03d,%s,-0.5,0.25,1.0,0.0,-1.0,%d%n",
                ms / 60000, (ms / 1000) % 60, ms % 1000, v, code);
    }

    @Test
    void cutsRunsOfOneActivityAndConvertsG(@TempDir Path root) throws Exception {
        StringBuilder b = new StringBuilder(HEADER);
        long t = 0;
        for (int i = 0; i < 5; i++, t += 20) b.append(row(t, 1.0, 1));
        for (int i = 0; i < 3; i++, t += 20) b.append(row(t, 0.5, 7));
        for (int i = 0; i < 2; i++, t += 20) b.append(row(t, 0.25, 130));
        SeedFixtures.write(root, "harth/S006.csv", b.toString());
        // a file with a leading index column, recorded at 100 Hz: interpolated to 50 Hz
        StringBuilder c = new StringBuilder("," + HEADER);
        for (int i = 0; i < 11; i++) c.append(i).append(',').append(row(10L * i, 0.1 * i, 6));
        SeedFixtures.write(root, "harth/S015.csv", c.toString());

        Dataset d = SeedFixtures.read(new HarthReader(), root);
        assertThat(d.problems()).isEmpty();
        assertThat(d.sessions()).extracting(Session::id).containsExactly(
                "S006_0000_walking", "S006_0001_sitting", "S006_0002_cycling_sit", "S015_0000_standing");
        Session walk = d.sessions().get(0);
        assertThat(walk.length()).isEqualTo(5);
        assertThat(walk.rateHz()).isEqualTo(50.0);
        assertThat(walk.subject()).isEqualTo("S006");
        assertThat(SeedFixtures.channel(walk, "back_acc_x")[4]).isCloseTo((float) Units.G, within(1e-5f));
        assertThat(SeedFixtures.channel(walk, "thigh_acc_z")[0]).isCloseTo((float) -Units.G, within(1e-5f));
        assertThat(walk.channels().get(0).description()).isEqualTo("Back accelerometer X-axis");
        assertThat(d.sessions().get(2).length()).isEqualTo(2);

        Session resampled = d.sessions().get(3);
        assertThat(resampled.length()).isEqualTo(6);
        float[] backX = SeedFixtures.channel(resampled, "back_acc_x");
        for (int k = 0; k < 6; k++) {
            assertThat(backX[k]).isCloseTo((float) (0.2 * k * Units.G), within(1e-4f));
        }
        assertThat(d.manifest().subjects()).isEqualTo(2);
    }

    @Test
    void badRowsAreReportedAndGapsEndRuns(@TempDir Path root) throws Exception {
        StringBuilder b = new StringBuilder(HEADER);
        b.append(row(0, 1, 1)).append(row(20, 1, 1)).append(row(40, 1, 1));     // lines 2-4
        b.append(row(60, 1, 99));                                            // line 5: unknown code
        b.append(row(80, 1, 1)).append(row(100, 1, 1));                        // lines 6-7
        b.append("2019-01-12 00:00:0x.120,1,1,1,1,1,1,1\n");                 // line 8: bad timestamp
        b.append(row(140, 1, 1)).append(row(140, 1, 1));                       // line 10 repeats a time
        b.append(row(5000, 1, 1)).append(row(5020, 1, 1));                     // 4.8 s gap: a new run
        SeedFixtures.write(root, "S007.csv", b.toString());
        Dataset d = SeedFixtures.read(new HarthReader(), root);

        List<ReadProblem> errors = SeedFixtures.errors(d);
        assertThat(errors).extracting(ReadProblem::line, ReadProblem::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple(5L, 8), org.assertj.core.groups.Tuple.tuple(8L, 1));
        assertThat(errors.get(0).message()).contains("99");
        assertThat(errors.get(1).message()).contains("timestamp");
        assertThat(d.problems()).anyMatch(p -> !p.fatal() && p.line() == 10 && p.message().contains("timestamp"));
        assertThat(d.sessions()).extracting(Session::length).containsExactly(3, 2, 1, 2);
    }
}
