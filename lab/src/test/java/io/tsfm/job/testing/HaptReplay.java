package io.tsfm.job.testing;

import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.DatasetSource;
import io.tsfm.datasets.reading.NumericTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * TEST ONLY: the first seconds of a real HAPT recording (waist smartphone, 50 Hz, accelerometer in g, gyroscope in
 * rad/s) from the shared data root, as {@code [channel][t]} in the channel order of {@link TestFrames#NAMES}.
 */
public final class HaptReplay {

    private HaptReplay() {
    }

    /** {@code seconds} of experiment {@code exp} of user {@code user}. */
    public static float[][] read(int exp, int user, double seconds) {
        Path zip = DataRoot.resolve().locate("hapt")
                .orElseThrow(() -> new IllegalStateException("hapt.zip not found under " + DataRoot.resolve()));
        String suffix = String.format("_exp%02d_user%02d.txt", exp, user);
        int n = (int) Math.round(seconds * 50);
        float[][] out = new float[6][n];
        try (DatasetSource source = DatasetSource.open(zip)) {
            for (int part = 0; part < 2; part++) {
                String entry = "RawData/" + (part == 0 ? "acc" : "gyro") + suffix;
                NumericTable table;
                try (InputStream in = source.open(entry)) {
                    table = NumericTable.read(in, zip + "!" + entry, new NumericTable.Format().columns(3));
                }
                if (table.rows() < n) {
                    throw new IllegalStateException(entry + " has " + table.rows() + " rows, need " + n);
                }
                for (int c = 0; c < 3; c++) {
                    double[] col = table.column(c);
                    for (int t = 0; t < n; t++) {
                        out[part * 3 + c][t] = (float) col[t];
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
