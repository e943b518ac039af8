package io.tsfm.datasets.readers;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.core.data.Session;
import io.tsfm.datasets.Dataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KuHarReaderTest {
    @TempDir
    Path tmp;

    /** Rows of the published 8 columns: t_acc, ax, ay, az, t_gyro, gx, gy, gz (row r: values r + c/10). */
    private static String trial(int rows, int badRow) {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            double t = r * 10.0;
            b.append(String.format(Locale.ROOT, "%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%s%n", t, r + 0.1, r + 0.2, r + 0.3,
                    t + 1, r + 0.5, r + 0.6, r == badRow ? "" : String.format(Locale.ROOT, "%.1f", r + 0.7)));
        }
        return b.toString();
    }

    @Test
    void eachRawTrialIsASession() throws IOException {
        String raw = "KU-HAR/1.Raw_time_domian_data/";
        Fixture f = new Fixture(tmp)
                .text(raw + "0.Stand/1001_A_1.csv", trial(3, -1))
                .text(raw + "13.Walk-circle/1002_N_1.csv", trial(4, -1))
                .text(raw + "12.Walk-backward/1003_M_2.csv", trial(6, 3))
                .text(raw + "5.Sit/1004_F_1.csv", trial(3, -1))
                .text("KU-HAR/2.Trimmed_raw_data/0.Stand/1001_A_1.csv", trial(2, -1));

        Dataset d = f.read(new KuHarReader());

        assertThat(d.sessions()).extracting(Session::id).containsExactly(
                "00_1001_A_1", "12_1003_M_2", "12_1003_M_2_part2", "13_1002_N_1");
        assertThat(d.sessions()).extracting(Session::label).containsExactly(
                "standing", "walking_backwards", "walking_backwards", "walking");
        assertThat(d.sessions()).extracting(Session::subject).containsExactly("1001", "1003", "1003", "1002");
        assertThat(d.sessions()).extracting(Session::length).containsExactly(3, 3, 2, 4);
        assertThat(Fixture.errors(d)).containsExactly(raw + "12.Walk-backward/1003_M_2.csv:4:8", raw + "5.Sit/1004_F_1.csv:0:0");
        assertThat(d.problems()).noneMatch(p -> p.file().contains("Trimmed"));

        Session s = d.sessions().get(0);
        assertThat(s.rateHz()).isEqualTo(100.0);
        assertThat(s.channels()).extracting(c -> c.name()).containsExactly("acc_x", "acc_y", "acc_z", "gyro_x", "gyro_y", "gyro_z");
        assertThat(s.samples()[0]).containsExactly(0.1f, 1.1f, 2.1f);  // time columns skipped
        assertThat(s.samples()[3]).containsExactly(0.5f, 1.5f, 2.5f);
        assertThat(s.channels().get(0).description()).isEqualTo("Smartphone accelerometer X-axis (front trouser pocket)");
    }
}
