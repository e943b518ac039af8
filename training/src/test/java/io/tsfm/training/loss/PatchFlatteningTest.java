package io.tsfm.training.loss;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class PatchFlatteningTest {

    @Test
    void validRowsKeepRowMajorOrderAndTheirSample() {
        try (NDManager m = NDManager.newBaseManager()) {
            // (B=2, P=3, E=1) with value 10·b + p
            NDArray emb = m.create(new float[] {0, 1, 2, 10, 11, 12}, new Shape(2, 3, 1));
            NDArray mask = m.create(new boolean[] {true, true, false, true, false, false}, new Shape(2, 3));
            assertThat(PatchFlattening.validRows(emb, mask).toFloatArray()).containsExactly(0f, 1f, 10f);
            assertThat(PatchFlattening.validRows(emb, mask).getShape()).isEqualTo(new Shape(3, 1));
            assertThat(PatchFlattening.rowSampleIndex(mask).toLongArray()).containsExactly(0L, 0L, 1L);
        }
    }
}
