package io.tsfm.datasets.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.core.data.Units;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.catalog.DatasetCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UciHarReaderTest {
    @TempDir
    Path tmp;

    private static final String[] SIGNALS = {"body_acc", "total_acc", "body_gyro"};

    /** Value of window w, channel c (reference order), sample t, as written. */
    private static double value(int w, int c, int t) {
        return w * 100 + c * 10 + t * 0.01;
    }

    private Fixture fixture() throws IOException {
        Fixture f = new Fixture(tmp.resolve("unpacked"));
        int[][] y = {{1, 6, 2}, {5, 4}};
        int[][] subj = {{1, 1, 3}, {2, 2}};
        String[] splits = {"train", "test"};
        for (int s = 0; s < 2; s++) {
            String split = splits[s];
            for (int c = 0; c < 9; c++) {
                String name = SIGNALS[c / 3] + "_" + "xyz".charAt(c % 3) + "_" + split + ".txt";
                StringBuilder b = new StringBuilder();
                for (int w = 0; w < y[s].length; w++) {
                    // the published files pad with spaces and use scientific notation
                    int n = split.equals("test") && c == 8 && w == 1 ? 127 : 128; // one truncated line
                    for (int t = 0; t < n; t++) b.append(String.format(Locale.ROOT, " %15.7e", value(w, c, t)));
                    b.append('\n');
                }
                f.text("UCI HAR Dataset/" + split + "/Inertial Signals/" + name, b.toString());
            }
            StringBuilder yb = new StringBuilder();
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < y[s].length; w++) {
                yb.append(y[s][w]).append('\n');
                sb.append(subj[s][w]).append('\n');
            }
            f.text("UCI HAR Dataset/" + split + "/y_" + split + ".txt", yb.toString());
            f.text("UCI HAR Dataset/" + split + "/subject_" + split + ".txt", sb.toString());
        }
        f.text("UCI HAR Dataset/activity_labels.txt", "1 WALKING\n2 WALKING_UPSTAIRS\n3 WALKING_DOWNSTAIRS\n"
                + "4 SITTING\n5 STANDING\n6 LAYING\n");
        return f;
    }

    @Test
    void readsWindowsAsSessionsInCanonicalUnits() throws IOException {
        Dataset d = fixture().read(new UciHarReader());

        assertThat(d.sessions()).extracting(Session::id).containsExactly("test_00001", "train_00001", "train_00002", "train_00003");
        assertThat(d.sessions()).extracting(Session::label).containsExactly("standing", "walking", "laying", "walking_upstairs");
        assertThat(d.sessions()).extracting(Session::subject).containsExactly("2", "1", "1", "3");
        Session s = d.sessions().get(2); // train window 2 (index 1)
        assertThat(s.rateHz()).isEqualTo(50.0);
        assertThat(s.length()).isEqualTo(128);
        assertThat(s.channels()).extracting(c -> c.name()).containsExactly("body_acc_x", "body_acc_y", "body_acc_z",
                "total_acc_x", "total_acc_y", "total_acc_z", "body_gyro_x", "body_gyro_y", "body_gyro_z");
        assertThat(s.channels().get(3).description()).isEqualTo("Total acceleration X-axis from accelerometer (includes gravity)");
        assertThat(s.channels().get(6).kind()).isEqualTo(SensorKind.GYROSCOPE);
        assertThat(s.samples()[0][5]).isCloseTo((float) (value(1, 0, 5) * Units.G), within(1e-3f));
        assertThat(s.samples()[7][127]).isCloseTo((float) value(1, 7, 127), within(1e-4f));
        assertThat(d.manifest().description()).startsWith("Human activity recognition from smartphone sensors.");
        assertThat(d.manifest().subjects()).isEqualTo(3);

        // the truncated line skips its window only, and says where
        assertThat(Fixture.errors(d)).containsExactly("UCI HAR Dataset/test/Inertial Signals/body_gyro_z_test.txt:2:128");
    }

    @Test
    void readsThePublishedZipThroughTheCatalog() throws IOException {
        Path root = tmp.resolve("root");
        fixture().zip(root.resolve("uci_har.zip"));

        Dataset d = DatasetCatalog.load().read("uci_har", DataRoot.of(root));

        assertThat(d.sessions()).hasSize(4);
        assertThat(d.name()).isEqualTo("uci_har");
    }
}
