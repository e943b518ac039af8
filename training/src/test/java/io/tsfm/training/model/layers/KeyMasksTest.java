package io.tsfm.training.model.layers;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class KeyMasksTest {

    @Test
    void maskedKeysGetMinusInfinityAndEmptyRowsKeepTheirFirstKey() {
        try (NDManager m = NDManager.newBaseManager()) {
            boolean[] mask = {true, false, true, false, false, false};
            float[] bias = KeyMasks.keyBias(m.create(mask, new Shape(2, 3))).toFloatArray();
            float inf = Float.NEGATIVE_INFINITY;
            assertThat(bias).containsExactly(0f, inf, 0f, 0f, inf, inf);
        }
    }

    @Test
    void perChannelAndPerPatchBiasesFollowTheReshapeOrder() {
        try (NDManager m = NDManager.newBaseManager()) {
            // B=1, P=2 (second padded), C=2 (second padded)
            float inf = Float.NEGATIVE_INFINITY;
            float[] temporal = KeyMasks.perChannelPatchBias(m.create(new boolean[] {true, false}, new Shape(1, 2)), 2)
                    .toFloatArray();
            assertThat(temporal).containsExactly(0f, inf, 0f, inf);
            float[] channel = KeyMasks.perPatchChannelBias(m.create(new boolean[] {true, false}, new Shape(1, 2)), 3)
                    .toFloatArray();
            assertThat(channel).containsExactly(0f, inf, 0f, inf, 0f, inf);
            assertThat(KeyMasks.perPatchChannelBias(m.create(new boolean[] {true, false}, new Shape(1, 2)), 3)
                    .getShape()).isEqualTo(new Shape(3, 1, 1, 2));
        }
    }
}
