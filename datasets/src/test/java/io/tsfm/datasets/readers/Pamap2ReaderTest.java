package io.tsfm.datasets.readers;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.Dataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Pamap2ReaderTest {
    @TempDir
    Path tmp;

    /** A published row: timestamp, activity, heart rate, then 51 IMU values base + c/100 (or NaN at nanCol). */
    private static String row(double t, int activity, String hr, int base, int nanCol) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%.2f %d %s", t, activity, hr));
        for (int c = 0; c < 51; c++) {
            b.append(' ').append(c == nanCol ? "NaN" : String.format(Locale.ROOT, "%.2f", base + c / 100.0));
        }
        return b.append('\n').toString();
    }

    @Test
    void protocolActivitiesBecomeSessionsWithNaNsRepairedAndCounted() throws IOException {
        StringBuilder s = new StringBuilder();
        s.append(row(5.64, 0, "NaN", 0, -1)).append(row(5.65, 0, "NaN", 1, -1));        // 1-2 transient
        s.append(row(5.66, 1, "80", 2, -1)).append(row(5.67, 1, "NaN", 3, -1));          // 3-4 lying
        s.append(row(5.68, 1, "NaN", 4, 1)).append(row(5.69, 1, "NaN", 5, -1));          // 5-6 (NaN hand_acc16_x)
        s.append(row(5.70, 9, "NaN", 6, -1));                                            // 7 watching TV
        s.append(row(5.71, 1, "NaN", 7, -1)).append(row(5.72, 1, "NaN", 8, -1));         // 8-9 lying again
        s.append(row(10.0, 1, "NaN", 9, -1)).append(row(10.01, 1, "NaN", 10, -1));       // 10-11 after a gap
        s.append(row(9.0, 1, "NaN", 11, -1)).append(row(9.01, 1, "NaN", 12, -1));        // 12-13 clock went back
        Fixture f = new Fixture(tmp).text("PAMAP2_Dataset/Protocol/subject101.dat", s.toString())
                .text("PAMAP2_Dataset/Protocol/subject102.dat",
                        row(1.0, 24, "120", 0, -1) + row(1.01, 24, "121", 1, -1) + row(1.02, 24, "122", 2, -1))
                .text("PAMAP2_Dataset/Optional/subject101.dat", row(1.0, 10, "90", 0, -1) + row(1.01, 10, "90", 0, -1));

        Dataset d = f.read(new Pamap2Reader());

        assertThat(d.sessions()).extracting(Session::id).containsExactly("subject101_000", "subject101_001",
                "subject101_002", "subject101_003", "subject102_000");
        assertThat(d.sessions()).extracting(Session::label).containsExactly("lying", "lying", "lying", "lying", "rope_jumping");
        assertThat(d.sessions()).extracting(Session::length).containsExactly(4, 2, 2, 2, 3);
        String file = "PAMAP2_Dataset/Protocol/subject101.dat";
        assertThat(Fixture.errors(d)).containsExactly(file + ":7:2", file + ":12:1");
        assertThat(d.problems()).filteredOn(p -> p.line() == 7).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("watching TV"));

        Session lying = d.sessions().get(0);
        assertThat(lying.rateHz()).isEqualTo(100.0);
        assertThat(lying.channels()).hasSize(52);
        assertThat(lying.channels().get(2).name()).isEqualTo("hand_acc16_x");
        assertThat(lying.channels().get(2).kind()).isEqualTo(SensorKind.ACCELEROMETER);
        assertThat(lying.channels().get(2).description()).isEqualTo("Acceleration x-axis (±16g scale) from wrist-mounted IMU");
        assertThat(lying.channels().get(51).name()).isEqualTo("ankle_ori_4");
        assertThat(lying.samples()[0]).containsExactly(80f, 80f, 80f, 80f);           // heart rate forward-filled
        assertThat(lying.samples()[2]).containsExactly(2.01f, 3.01f, 3.01f, 5.01f);   // NaN filled from the row before
        assertThat(d.sessions().get(4).samples()[0]).containsExactly(120f, 121f, 122f);

        assertThat(d.problems()).filteredOn(p -> !p.fatal()).extracting(ReadProblem::message, ReadProblem::count)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("heart rate (about 9 Hz) filled onto the 100 Hz rows", 9L),
                        org.assertj.core.groups.Tuple.tuple("non-finite samples (NaN/Inf) repaired by forward/backward fill", 1L));
        assertThat(d.problems()).noneMatch(p -> p.file().contains("Optional"));
    }
}
