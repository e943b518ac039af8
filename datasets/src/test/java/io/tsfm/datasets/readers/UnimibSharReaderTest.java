package io.tsfm.datasets.readers;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.core.data.Session;
import io.tsfm.datasets.Dataset;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnimibSharReaderTest {
    @TempDir
    Path tmp;

    private static final String[] NAMES = {"StandingUpFS", "StandingUpFL", "Walking", "Running", "GoingUpS", "Jumping",
            "GoingDownS", "LyingDownFS", "SittingDown", "FallingForw", "FallingRight", "FallingBack", "HittingObstacle",
            "FallingWithPS", "FallingBackSC", "Syncope", "FallingLeft"};

    /** Window w: x_t = w*1000 + t, y_t = -x_t, z_t = 9.81 (151 samples each). */
    private static double value(int w, int axis, int t) {
        double x = w * 1000 + t;
        return axis == 0 ? x : axis == 1 ? -x : 9.81;
    }

    @Test
    void eachWindowOfTheMatFilesIsASession() throws IOException {
        int n = 4;
        double[] data = new double[n * 453];
        for (int w = 0; w < n; w++) {
            for (int c = 0; c < 453; c++) data[c * n + w] = value(w, c / 151, c % 151); // column-major
        }
        double[][] rows = {{3, 1, 1}, {17, 1, 2}, {18, 2, 1}, {9, 30, 6}}; // row 3: activity 18 is invalid
        double[] labels = new double[n * 3];
        for (int w = 0; w < n; w++) for (int c = 0; c < 3; c++) labels[c * n + w] = rows[w][c];
        String[] names = new String[34]; // 17 x 2 cell: short name, then a description column
        for (int i = 0; i < 17; i++) {
            names[i] = NAMES[i];
            names[17 + i] = "description of " + NAMES[i];
        }
        Fixture f = new Fixture(tmp)
                .bytes("UniMiB-SHAR/data/acc_data.mat", new MatWriter(ByteOrder.LITTLE_ENDIAN)
                        .doubles("acc_data", n, 453, data, MatWriter.MI_DOUBLE, true).bytes())
                .bytes("UniMiB-SHAR/data/acc_labels.mat", new MatWriter(ByteOrder.LITTLE_ENDIAN)
                        .doubles("acc_labels", n, 3, labels, MatWriter.MI_UINT8, false).bytes())
                .bytes("UniMiB-SHAR/data/acc_names.mat", new MatWriter(ByteOrder.LITTLE_ENDIAN)
                        .strings("acc_names", 17, 2, names, true).bytes())
                .bytes("UniMiB-SHAR/data/split/acc_data.mat", new byte[] {1, 2, 3});

        Dataset d = f.read(new UnimibSharReader());

        assertThat(d.sessions()).extracting(Session::id).containsExactly("00001", "00002", "00004");
        assertThat(d.sessions()).extracting(Session::label).containsExactly("walking", "falling_left", "sitting_down");
        assertThat(d.sessions()).extracting(Session::subject).containsExactly("1", "1", "30");
        Session s = d.sessions().get(2);
        assertThat(s.rateHz()).isEqualTo(50.0);
        assertThat(s.length()).isEqualTo(151);
        assertThat(s.samples()[0][0]).isEqualTo(3000f);
        assertThat(s.samples()[0][150]).isEqualTo(3150f);
        assertThat(s.samples()[1][7]).isEqualTo(-3007f);
        assertThat(s.samples()[2][100]).isEqualTo(9.81f);
        assertThat(s.source()).isEqualTo("UniMiB-SHAR/data/acc_data.mat row 4, trial 6");
        assertThat(s.channels().get(2).description()).isEqualTo("Smartphone accelerometer Z-axis (trouser pocket)");
        assertThat(Fixture.errors(d)).containsExactly("UniMiB-SHAR/data/acc_labels.mat:3:1");
        assertThat(d.manifest().subjects()).isEqualTo(2);
    }
}
