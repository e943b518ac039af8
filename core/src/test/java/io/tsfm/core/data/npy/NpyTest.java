package io.tsfm.core.data.npy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tsfm.core.data.DataFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NpyTest {

    private static NpyArray read(byte[] b) throws IOException {
        return Npy.read(new ByteArrayInputStream(b), "t.npy");
    }

    @Test
    void readsFloat64InCOrder() throws IOException {
        NpyArray a = read(NpyBytes.f8("(2, 3)", 1, 2, 3, 4, 5, 6));
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a.dtype().descr()).isEqualTo("<f8");
        assertThat(a.toDoubleArray()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void fortranOrderIsReturnedInCOrder() throws IOException {
        // the 2x3 matrix [[1,2,3],[4,5,6]] stored column-major: 1,4,2,5,3,6
        ByteBuffer b = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : new double[] {1, 4, 2, 5, 3, 6}) b.putDouble(v);
        NpyArray a = read(NpyBytes.npy("<f8", true, "(2, 3)", b.array()));
        assertThat(a.fortranOrder()).isTrue();
        assertThat(a.toDoubleArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(a.getDouble(4)).isEqualTo(5.0);
    }

    @Test
    void readsIntegerFloat32BigEndianAndBoolDtypes() throws IOException {
        ByteBuffer i4 = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(-7).putInt(0).putInt(123456);
        assertThat(read(NpyBytes.npy("<i4", false, "(3,)", i4.array())).toDoubleArray()).containsExactly(-7, 0, 123456);

        ByteBuffer i8 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-5_000_000_000L).putLong(42);
        assertThat(read(NpyBytes.npy("<i8", false, "(2,)", i8.array())).toDoubleArray())
                .containsExactly(-5_000_000_000.0, 42);

        ByteBuffer f4 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-0.25f);
        assertThat(read(NpyBytes.npy("<f4", false, "(2,)", f4.array())).toFloatArray()).containsExactly(1.5f, -0.25f);

        ByteBuffer be = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN).putDouble(3.25).putDouble(-1e300);
        assertThat(read(NpyBytes.npy(">f8", false, "(2,)", be.array())).toDoubleArray()).containsExactly(3.25, -1e300);

        assertThat(read(NpyBytes.npy("|u1", false, "(3,)", new byte[] {0, (byte) 200, 7})).toDoubleArray())
                .containsExactly(0, 200, 7);
        assertThat(read(NpyBytes.npy("|b1", false, "(2,)", new byte[] {1, 0})).toDoubleArray()).containsExactly(1, 0);
    }

    @Test
    void scalarAndEmptyShapes() throws IOException {
        NpyArray scalar = read(NpyBytes.f8("()", 2.5));
        assertThat(scalar.ndim()).isZero();
        assertThat(scalar.size()).isEqualTo(1);
        assertThat(scalar.getDouble(0)).isEqualTo(2.5);
        NpyArray empty = read(NpyBytes.f8("(0, 4)"));
        assertThat(empty.shape()).containsExactly(0, 4);
        assertThat(empty.size()).isZero();
    }

    @Test
    void refusesObjectArraysWithoutUnpickling() {
        assertThatThrownBy(() -> read(NpyBytes.objectArray()))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("t.npy")
                .hasMessageContaining("pickled");
    }

    @Test
    void refusesUnsupportedAndStructuredDtypes() {
        assertThatThrownBy(() -> read(NpyBytes.npy("<U5", false, "(1,)", new byte[20])))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("unsupported dtype '<U5'");
        byte[] structured = NpyBytes.npy("<f8", false, "(1,)", new byte[8]);
        String s = new String(structured, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("'descr': '<f8'", "'descr': [('a', '<f4')]");
        assertThatThrownBy(() -> read(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("structured");
    }

    @Test
    void truncatedDataAndBadMagicAreReported() {
        byte[] full = NpyBytes.f8("(4,)", 1, 2, 3, 4);
        byte[] cut = Arrays.copyOf(full, full.length - 5);
        assertThatThrownBy(() -> read(cut)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("truncated").hasMessageContaining("32");
        byte[] bad = full.clone();
        bad[1] = 'X';
        assertThatThrownBy(() -> read(bad)).isInstanceOf(DataFormatException.class).hasMessageContaining("magic");
    }

    @Test
    void npzReadsOnlyRequestedArraysAndSkipsPickledOnes() throws IOException {
        Map<String, byte[]> arrays = new LinkedHashMap<>();
        arrays.put("folds", NpyBytes.objectArray());
        arrays.put("X", NpyBytes.f8("(2,)", 7, 8));
        byte[] npz = NpyBytes.npz(arrays);
        Map<String, NpyArray> got = Npz.read(new ByteArrayInputStream(npz), "a.npz", Set.of("X"));
        assertThat(got).containsOnlyKeys("X");
        assertThat(got.get("X").toDoubleArray()).containsExactly(7, 8);
        assertThatThrownBy(() -> Npz.read(new ByteArrayInputStream(npz), "a.npz", Set.of("folds")))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("a.npz/folds.npy")
                .hasMessageContaining("pickled");
        assertThatThrownBy(() -> Npz.read(new ByteArrayInputStream(npz), "a.npz", Set.of("y")))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("no array 'y'");
    }

    @Test
    void aTruncatedNpzIsAFormatError() throws IOException {
        byte[] npz = NpyBytes.npz(Map.of("X", NpyBytes.f8("(64,)", new double[64])));
        byte[] cut = Arrays.copyOf(npz, npz.length / 2);
        assertThatThrownBy(() -> Npz.read(new ByteArrayInputStream(cut), "cut.npz", Set.of("X")))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("cut.npz");
    }
}
