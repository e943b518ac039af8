package io.tsfm.datasets.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tsfm.core.data.DataFormatException;
import io.tsfm.core.data.npy.Npy;
import io.tsfm.core.data.npy.NpyArray;
import io.tsfm.core.data.npy.Npz;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.DatasetSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** The npz reader on the published UTD-MHAD archive, read from the data root. */
class UtdMhadArchiveTest {

    @Test
    void readsThePublishedUtdMhadArchive() throws IOException {
        java.nio.file.Path zip = DataRoot.resolve().locate("utd_mhad").orElseThrow();
        try (DatasetSource src = DatasetSource.open(zip); InputStream in = src.open("UTD-MHAD2_1s.npz")) {
            byte[] npz = in.readAllBytes();
            Map<String, NpyArray> a = Npz.read(new ByteArrayInputStream(npz), "UTD-MHAD2_1s.npz", Set.of("X", "y"));
            assertThat(a.get("X").shape()).containsExactly(1137, 1, 50, 6);
            assertThat(a.get("X").dtype().descr()).isEqualTo("<f8");
            assertThat(a.get("y").shape()).containsExactly(1137, 6);
            double[] y = a.get("y").toDoubleArray();
            assertThat(Arrays.stream(y).sum()).isEqualTo(1137.0); // one-hot rows
            // the real folds array is pickled and must be refused, not unpickled
            try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(npz))) {
                ZipEntry e;
                while ((e = z.getNextEntry()) != null) {
                    if (e.getName().equals("folds.npy")) {
                        assertThatThrownBy(() -> Npy.read(z, "folds.npy")).isInstanceOf(DataFormatException.class)
                                .hasMessageContaining("'|O'");
                    }
                }
            }
        }
    }
}
