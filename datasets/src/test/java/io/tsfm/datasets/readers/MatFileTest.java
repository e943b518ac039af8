package io.tsfm.datasets.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tsfm.core.data.DataFormatException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatFileTest {
    @Test
    void readsNumericCharAndCellArraysInBothByteOrdersCompressedOrNot() {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            for (boolean compress : new boolean[] {false, true}) {
                byte[] file = new MatWriter(order)
                        .doubles("x", 2, 3, new double[] {1.5, -2, 3, 4, 5, 6e10}, MatWriter.MI_DOUBLE, compress)
                        .doubles("ids", 3, 1, new double[] {1, 17, 255}, MatWriter.MI_UINT8, compress)
                        .strings("names", 2, 2, new String[] {"Walking", "Running", "walk", "run fast"}, compress)
                        .bytes();

                Map<String, MatArray> vars = MatFile.parse(file, "t.mat");

                assertThat(vars.keySet()).containsExactly("x", "ids", "names");
                MatArray x = vars.get("x");
                assertThat(x.rows()).isEqualTo(2);
                assertThat(x.cols()).isEqualTo(3);
                assertThat(x.matlabClass()).isEqualTo("double");
                assertThat(x.get(0, 0)).isEqualTo(1.5);
                assertThat(x.get(1, 0)).isEqualTo(-2.0);
                assertThat(x.get(1, 2)).isEqualTo(6e10);
                assertThat(vars.get("ids").numbers()).containsExactly(1, 17, 255);
                MatArray names = vars.get("names");
                assertThat(names.kind()).isEqualTo(MatArray.Kind.CELL);
                assertThat(names.cell(1, 0).string()).isEqualTo("Running");
                assertThat(names.cell(1, 1).string()).isEqualTo("run fast");
            }
        }
    }

    @Test
    void refusesWhatItCannotReadWithAClearReason() {
        byte[] ok = new MatWriter(ByteOrder.LITTLE_ENDIAN).doubles("x", 1, 2, new double[] {1, 2}, MatWriter.MI_DOUBLE, false).bytes();
        assertThatThrownBy(() -> MatFile.parse(Arrays.copyOf(ok, ok.length - 9), "cut.mat"))
                .isInstanceOfSatisfying(DataFormatException.class, e -> {
                    assertThat(e.file()).isEqualTo("cut.mat");
                    assertThat(e.reason()).contains("truncated");
                });
        byte[] hdf5 = ok.clone();
        System.arraycopy("MATLAB 7.3 MAT-file".getBytes(StandardCharsets.US_ASCII), 0, hdf5, 0, 19);
        assertThatThrownBy(() -> MatFile.parse(hdf5, "new.mat")).hasMessageContaining("v7.3");
        assertThatThrownBy(() -> MatFile.parse(new byte[10], "tiny.mat")).hasMessageContaining("too short");
        byte[] corrupt = new MatWriter(ByteOrder.LITTLE_ENDIAN).doubles("x", 1, 2, new double[] {1, 2}, MatWriter.MI_DOUBLE, true).bytes();
        corrupt[140] ^= 0x55;
        corrupt[141] ^= 0x55;
        assertThatThrownBy(() -> MatFile.parse(corrupt, "bad.mat")).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("bad.mat");
    }
}
