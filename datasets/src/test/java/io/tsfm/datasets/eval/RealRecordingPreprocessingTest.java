package io.tsfm.datasets.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.core.preprocess.PatchedWindow;
import io.tsfm.core.preprocess.Patcher;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.DatasetSource;
import io.tsfm.datasets.reading.NumericTable;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Patching and eval windows on a real recording: HAPT experiment 1 (waist smartphone, 50 Hz, units of g). */
class RealRecordingPreprocessingTest {
    static float[][] acc;
    static List<int[]> segments; // {activity, firstRow, lastRow}, 0-based inclusive rows

    @BeforeAll
    static void read() throws Exception {
        Optional<Path> hapt = DataRoot.resolve().locate("hapt");
        Assumptions.assumeTrue(hapt.isPresent(), "hapt not under the data root " + DataRoot.resolve());
        try (DatasetSource src = DatasetSource.open(hapt.get())) {
            String accEntry = src.entries(".*RawData/acc_exp01_user01\\.txt").get(0);
            String labelsEntry = src.entries(".*RawData/labels\\.txt").get(0);
            NumericTable t;
            try (InputStream in = src.open(accEntry)) {
                t = NumericTable.read(in, accEntry, new NumericTable.Format().columns(3));
            }
            acc = new float[3][t.rows()];
            for (int c = 0; c < 3; c++) for (int r = 0; r < t.rows(); r++) acc[c][r] = (float) t.column(c)[r];
            NumericTable l;
            try (InputStream in = src.open(labelsEntry)) {
                l = NumericTable.read(in, labelsEntry, new NumericTable.Format().columns(5));
            }
            segments = new ArrayList<>();
            for (int r = 0; r < l.rows(); r++) {
                if (l.column(0)[r] == 1) {
                    segments.add(new int[] {(int) l.column(2)[r] - 1, (int) l.column(3)[r] - 1, (int) l.column(4)[r] - 1});
                }
            }
        }
    }

    @Test
    void patchesARealRecordingAtTheHaptDefault() {
        int t = acc[0].length;
        PatchedWindow pw = new Patcher().patch(acc, 50, 1.25);
        assertThat(pw.samplesPerPatch()).isEqualTo(62);
        assertThat(pw.numPatches()).isEqualTo(Math.min(48, (t - 62) / 62 + 1));
        for (int p = 0; p < pw.numPatches(); p++) {
            for (int c = 0; c < 3; c++) {
                double sum = 0;
                double ss = 0;
                for (int s = 0; s < 64; s++) sum += pw.get(p, s, c);
                for (int s = 0; s < 64; s++) ss += Math.pow(pw.get(p, s, c) - sum / 64, 2);
                assertThat(sum / 64).isCloseTo(0, within(1e-5));
                assertThat(Math.sqrt(ss / 64)).isCloseTo(1, within(1e-4));
            }
        }
        // the uncapped count over the whole 6.9-minute recording
        assertThat(Patcher.numPatches(t, 62)).isEqualTo((t - 62) / 62 + 1).isGreaterThan(48);
    }

    @Test
    void labelledSegmentsGiveMajorityLabelledSixSecondWindows() {
        int total = 0;
        for (int[] s : segments) total += s[2] - s[1] + 1;
        float[][] rows = new float[3][total];
        int[] labels = new int[total];
        int pos = 0;
        List<int[]> bounds = new ArrayList<>();
        for (int[] s : segments) {
            int len = s[2] - s[1] + 1;
            for (int c = 0; c < 3; c++) System.arraycopy(acc[c], s[1], rows[c], pos, len);
            java.util.Arrays.fill(labels, pos, pos + len, s[0]);
            bounds.add(new int[] {pos, pos + len, s[0]});
            pos += len;
        }
        LabeledTable table = new LabeledTable("1", 50, List.of("acc_x", "acc_y", "acc_z"), rows, labels, "hapt exp01");
        List<EvalWindow> windows = EvalWindows.slice(table);
        assertThat(windows).hasSize(total / 300);
        int inside = 0;
        for (EvalWindow w : windows) {
            assertThat(w.samples()[2][0]).isEqualTo(rows[2][w.startSample()]);
            for (int[] b : bounds) {
                if (w.startSample() >= b[0] && w.startSample() + 300 <= b[1]) {
                    assertThat(w.label()).isEqualTo(b[2]);
                    inside++;
                }
            }
            // every window patches into exactly six 1.0 s patches, the evaluated configuration
            assertThat(new Patcher().patch(w.samples(), 50, 1.0).numPatches()).isEqualTo(6);
        }
        assertThat(inside).isGreaterThan(0);
    }
}
