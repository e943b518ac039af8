package io.tsfm.datasets.readers;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.Dataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DsadsReaderTest {
    @TempDir
    Path tmp;

    /** A 125-line segment; line L, column c (0-based) holds L + c/100; {@code bad} lines get a non-number. */
    private static String segment(int badLine) {
        StringBuilder b = new StringBuilder();
        for (int line = 1; line <= 125; line++) {
            for (int c = 0; c < 45; c++) {
                if (c > 0) b.append(',');
                b.append(line == badLine && c == 4 ? "x" : String.format(Locale.ROOT, "%.2f", line + c / 100.0));
            }
            b.append('\n');
        }
        return b.toString();
    }

    @Test
    void eachSegmentIsASessionOfTheTorsoUnit() throws IOException {
        Fixture f = new Fixture(tmp)
                .text("data/a01/p1/s01.txt", segment(-1))
                .text("data/a01/p1/s02.txt", segment(-1))
                .text("data/a12/p8/s60.txt", segment(-1))
                .text("data/a19/p3/s05.txt", segment(50));

        Dataset d = f.read(new DsadsReader());

        assertThat(d.sessions()).extracting(Session::id).containsExactly(
                "a01_p1_s01", "a01_p1_s02", "a12_p8_s60", "a19_p3_s05", "a19_p3_s05_part2");
        assertThat(d.sessions()).extracting(Session::label).containsExactly(
                "sitting", "sitting", "running_treadmill", "playing_basketball", "playing_basketball");
        assertThat(d.sessions()).extracting(Session::subject).containsExactly("1", "1", "8", "3", "3");
        assertThat(d.sessions()).extracting(Session::length).containsExactly(125, 125, 125, 49, 75);
        assertThat(Fixture.errors(d)).containsExactly("data/a19/p3/s05.txt:50:5");

        Session s = d.sessions().get(0);
        assertThat(s.rateHz()).isEqualTo(25.0);
        assertThat(s.durationSeconds()).isEqualTo(5.0);
        assertThat(s.channels()).extracting(c -> c.name()).containsExactly(
                "acc_x", "acc_y", "acc_z", "gyro_x", "gyro_y", "gyro_z", "mag_x", "mag_y", "mag_z");
        assertThat(s.channels().get(6).kind()).isEqualTo(SensorKind.MAGNETOMETER);
        assertThat(s.channels().get(4).description()).isEqualTo("Gyroscope Y-axis (torso)");
        assertThat(s.samples()[8][9]).isEqualTo(10.08f);  // torso mag z, line 10
        for (float[] ch : s.samples()) assertThat(ch[0]).isLessThan(1.09f); // only columns 1-9 are read
    }
}
