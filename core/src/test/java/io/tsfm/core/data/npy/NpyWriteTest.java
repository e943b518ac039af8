package io.tsfm.core.data.npy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NpyWriteTest {

    @Test
    void float32ArraysRoundTripWithANumpyHeader() throws Exception {
        float[] data = {1.5f, -2f, 3.25f, Float.MIN_VALUE, 1e30f, 0f};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.writeFloat32(out, data, 2, 3);
        byte[] bytes = out.toByteArray();
        // NumPy's layout: magic, version 1.0, header length, header padded so the data starts at a multiple of 64
        assertThat(bytes[0] & 0xFF).isEqualTo(0x93);
        assertThat(new String(bytes, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
        int headerLen = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        assertThat((10 + headerLen) % 64).isZero();
        String header = new String(bytes, 10, headerLen, StandardCharsets.ISO_8859_1);
        assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }").endsWith("\n");
        assertThat(bytes).hasSize(10 + headerLen + 24);

        NpyArray a = Npy.read(new ByteArrayInputStream(bytes), "w.npy");
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a.toFloatArray()).containsExactly(data);
    }

    @Test
    void oneDimensionalShapesUseTheTupleComma() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.writeFloat32(out, new float[] {7f}, 1);
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).contains("'shape': (1,), }");
        assertThat(Npy.read(new ByteArrayInputStream(out.toByteArray()), "w.npy").toFloatArray()).containsExactly(7f);
    }

    @Test
    void aShapeThatDoesNotHoldTheDataIsRefused() {
        assertThatThrownBy(() -> Npy.writeFloat32(new ByteArrayOutputStream(), new float[5], 2, 3))
                .hasMessageContaining("does not hold 5 values");
    }
}
