package io.tsfm.datasets.readers;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.Dataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WisdmReaderTest {
    @TempDir
    Path tmp;

    /** {@code n} published lines "subject,code,timestamp,x,y,z;" with x = base + i, y = x + 0.25, z = x + 0.5. */
    private static String lines(int subject, char code, int n, double base) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double x = base + i;
            b.append(String.format(Locale.ROOT, "%d,%c,%d,%.2f,%.2f,%.2f;%n", subject, code, 252207666810782L + i * 50_000_000L,
                    x, x + 0.25, x + 0.5));
        }
        return b.toString();
    }

    private static String file(String device, String sensor, int subject) {
        return "wisdm-dataset/raw/" + device + "/" + sensor + "/data_" + subject + "_" + sensor + "_" + device + ".txt";
    }

    @Test
    void fourStreamsMergeIntoOneSessionPerSubjectAndActivity() throws IOException {
        String phoneAccel = lines(1600, 'A', 5, 100) + lines(1600, 'B', 2, 200)
                + "1600,B,252207666810782,abc,1,2;\n"                      // line 8: malformed
                + lines(1600, 'B', 2, 210) + lines(1600, 'N', 1, 0)         // line 11: unknown code
                + lines(1600, 'A', 2, 300);                                  // A again: a shorter second run
        Fixture f = new Fixture(tmp)
                .text(file("phone", "accel", 1600), phoneAccel)
                .text(file("phone", "gyro", 1600), lines(1600, 'A', 4, 400) + lines(1600, 'B', 4, 500))
                .text(file("watch", "accel", 1600), lines(1600, 'A', 6, 600) + lines(1600, 'B', 3, 700))
                .text(file("watch", "gyro", 1600), lines(1600, 'A', 5, 800) + lines(1600, 'B', 5, 900))
                .text(file("phone", "accel", 1601), lines(1601, 'C', 3, 10))
                .text(file("phone", "gyro", 1601), lines(1601, 'C', 3, 20))
                .text("wisdm-dataset/activity_key.txt", "walking = A\n");

        Dataset d = f.read(new WisdmReader());

        assertThat(d.sessions()).extracting(Session::id).containsExactly("1600_A", "1600_B", "1601_C");
        assertThat(d.sessions()).extracting(Session::label).containsExactly("walking", "jogging", "stairs");
        assertThat(d.sessions()).extracting(Session::length).containsExactly(4, 3, 3);
        Session a = d.sessions().get(0);
        assertThat(a.rateHz()).isEqualTo(20.0);
        assertThat(a.channels()).extracting(c -> c.name()).containsExactly(
                "phone_accel_x", "phone_accel_y", "phone_accel_z", "phone_gyro_x", "phone_gyro_y", "phone_gyro_z",
                "watch_accel_x", "watch_accel_y", "watch_accel_z", "watch_gyro_x", "watch_gyro_y", "watch_gyro_z");
        assertThat(a.channels().get(9).description()).isEqualTo("Smartwatch gyroscope X-axis (wrist-worn)");
        assertThat(a.samples()[0]).containsExactly(100f, 101f, 102f, 103f);  // aligned at the first row, cut to 4
        assertThat(a.samples()[11]).containsExactly(800.5f, 801.5f, 802.5f, 803.5f);
        assertThat(d.sessions().get(1).samples()[0]).containsExactly(200f, 201f, 210f); // malformed row skipped
        assertThat(d.sessions().get(2).channels()).hasSize(6);

        String pa = file("phone", "accel", 1600);
        assertThat(Fixture.errors(d)).containsExactly(pa + ":8:4", pa + ":11:2", pa + ":1:2");
        assertThat(d.problems()).filteredOn(p -> p.fatal() && p.line() == 1).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("split into 2 runs");
            assertThat(p.count()).isEqualTo(2);
        });
        assertThat(d.problems()).filteredOn(p -> !p.fatal() && p.message().contains("shortest"))
                .extracting(ReadProblem::count).containsExactlyInAnyOrder(2L, 1L, 2L, 3L); // per stream file
        assertThat(d.problems()).filteredOn(p -> !p.fatal() && p.message().contains("missing a stream"))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("watch/accel, watch/gyro"));
        assertThat(d.manifest().resampling()).contains("20 Hz");
    }
}
