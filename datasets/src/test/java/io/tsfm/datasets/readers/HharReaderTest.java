package io.tsfm.datasets.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.Dataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HharReaderTest {
    @TempDir
    Path tmp;

    private static final String HEADER = "Index,Arrival_Time,Creation_Time,x,y,z,User,Model,Device,gt";
    private static final long T0 = 1_424_696_633_908_000_000L;

    /** A row at {@code ms} after T0 whose x is the time in seconds (y = -x), so interpolation is checkable. */
    private static String row(int index, double ms, double scale, String user, String model, String device, String gt) {
        long ns = T0 + Math.round(ms * 1e6);
        double sec = ms / 1000.0;
        return String.format(Locale.ROOT, "%d,%d,%d,%.6f,%.6f,%.4f,%s,%s,%s,%s", index, ns / 1_000_000, ns, scale * sec,
                -scale * sec, 9.81, user, model, device, gt);
    }

    private static int find(List<String> rows, int ms, String device) {
        String ns = "," + (T0 + ms * 1_000_000L) + ",";
        for (int i = 0; i < rows.size(); i++) if (rows.get(i).contains(ns) && rows.get(i).contains(device)) return i;
        throw new AssertionError("no row at " + ms + " ms");
    }

    @Test
    void eachPhoneIsResampledTo50HzPerActivityRun() throws IOException {
        List<String> acc = new ArrayList<>();
        int idx = 0;
        for (int ms = 0; ms <= 2900; ms += 10) {
            String gt = ms <= 1500 ? "stand" : ms < 1700 ? "null" : "walk";
            acc.add(row(idx++, ms, 1, "a", "nexus4", "nexus4_1", gt));
            if (ms % 20 == 0 && ms <= 1200) acc.add(row(idx++, ms, 1, "b", "s3", "s3_1", "bike"));
        }
        for (int ms = 0; ms <= 500; ms += 20) acc.add(row(idx++, ms, 1, "c", "s3mini", "s3mini_1", "sit"));
        int i100 = find(acc, 100, "nexus4_1");
        Collections.swap(acc, i100, find(acc, 110, "nexus4_1"));      // 100 ms and 110 ms out of order
        acc.add(i100 + 5, acc.get(i100 + 5));                          // a repeated row
        int oops = find(acc, 50, "nexus4_1");
        acc.set(oops, acc.get(oops).replaceFirst(",0\\.050000,", ",oops,"));
        acc.add(oops + 2, row(999, 55, 1, "a", "nexus4", "nexus4_1", "dance"));
        List<String> gyro = new ArrayList<>();
        for (int k = 0; k <= 240; k++) gyro.add(row(k, k * 12.5, 2, "a", "nexus4", "nexus4_1", "stand"));
        Fixture f = new Fixture(tmp)
                .text("Activity recognition exp/Phones_accelerometer.csv", HEADER + "\n" + String.join("\n", acc) + "\n")
                .text("Activity recognition exp/Phones_gyroscope.csv", HEADER + "\n" + String.join("\n", gyro) + "\n")
                .text("Activity recognition exp/Watch_accelerometer.csv", HEADER + "\n");

        Dataset d = f.read(new HharReader());

        assertThat(d.sessions()).extracting(Session::id).containsExactly("a_nexus4_1_0000", "a_nexus4_1_0001", "b_s3_1_0000");
        assertThat(d.sessions()).extracting(Session::label).containsExactly("standing", "walking", "cycling");
        assertThat(d.sessions()).extracting(Session::subject).containsExactly("a", "a", "b");
        assertThat(d.sessions()).extracting(Session::length).containsExactly(76, 61, 61);
        assertThat(d.sessions()).extracting(Session::numChannels).containsExactly(6, 6, 3);

        Session walk = d.sessions().get(1);
        assertThat(walk.rateHz()).isEqualTo(50.0);
        for (int k = 0; k < walk.length(); k++) {
            assertThat(walk.samples()[0][k]).isCloseTo((float) (1.7 + k * 0.02), within(1e-4f));
            assertThat(walk.samples()[3][k]).isCloseTo((float) (2 * (1.7 + k * 0.02)), within(1e-4f)); // gyro 2·t
        }
        Session stand = d.sessions().get(0);
        assertThat(stand.samples()[0][3]).isCloseTo(0.06f, within(1e-5f));   // across the skipped and reordered rows
        assertThat(stand.samples()[1][5]).isCloseTo(-0.10f, within(1e-5f));
        assertThat(stand.channels().get(3).description())
                .isEqualTo("Smartphone/smartwatch gyroscope X-axis (variable device and placement)");

        String accFile = "Activity recognition exp/Phones_accelerometer.csv";
        assertThat(Fixture.errors(d)).containsExactly(accFile + ":" + (oops + 2) + ":4", accFile + ":" + (oops + 4) + ":10");
        assertThat(d.problems()).filteredOn(p -> !p.fatal()).extracting(ReadProblem::message, ReadProblem::count)
                .contains(org.assertj.core.groups.Tuple.tuple("rows out of Creation_Time order (put in order)", 1L),
                        org.assertj.core.groups.Tuple.tuple("rows repeating a Creation_Time of the same phone dropped", 1L),
                        org.assertj.core.groups.Tuple.tuple("activity stretches shorter than 1 s skipped", 1L),
                        org.assertj.core.groups.Tuple.tuple(
                                "activity runs without gyroscope rows read as accelerometer-only sessions", 2L));
        assertThat(d.manifest().resampling()).contains("50 Hz").contains("Creation_Time");
    }
}
