package io.tsfm.training.model;

import io.tsfm.training.model.config.TsfmConfig;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spec §3.5: a window with masked channels and trailing padded patches gives the same embeddings for its real
 * positions as the same window with the padding removed.
 */
class MaskingInvarianceTest {

    private static final int S = 64;
    private static final int REAL_C = 3;
    private static final int PAD_C = 3;
    private static final int REAL_P = 4;
    private static final int PAD_P = 2;
    private static final int K = 5;

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void paddingDoesNotChangeRealOutputs(boolean perPatchPrediction) {
        Engine.getInstance().setRandomSeed(21);
        TsfmConfig cfg = TsfmConfig.micro().toBuilder().setPerPatchPrediction(perPatchPrediction).build();
        int t = cfg.getContrastiveTextDim();
        Random rnd = new Random(99);
        int c = REAL_C + PAD_C;
        int p = REAL_P + PAD_P;
        // padded channels are interleaved with real ones and hold garbage; padded patches too
        boolean[] realChannel = {true, false, true, false, true, false};
        float[] padded = Windows.randomPatches(rnd, 1, p, S, c);
        float[] reduced = new float[REAL_P * S * REAL_C];
        for (int pi = 0; pi < REAL_P; pi++) {
            for (int s = 0; s < S; s++) {
                int rc = 0;
                for (int ci = 0; ci < c; ci++) {
                    if (realChannel[ci]) {
                        reduced[(pi * S + s) * REAL_C + rc++] = padded[(pi * S + s) * c + ci];
                    }
                }
            }
        }
        // token rows: three channel descriptions plus a "[PAD]" row (index 3) used only by padded channels
        float[] tokens = Windows.randomTokens(rnd, 4, K, t);
        boolean[] tokenMask = Windows.allTrue(4 * K);
        tokenMask[K - 1] = false; // description 0 is one token shorter
        boolean[] patchMask = {true, true, true, true, false, false};

        TsfmModel model = new TsfmModel(cfg);
        try (NDManager m = NDManager.newBaseManager()) {
            model.initialize(m, DataType.FLOAT32);
            ParameterStore ps = new ParameterStore(m, false);
            NDList full = new NDList(
                    m.create(padded, new Shape(1, p, S, c)),
                    m.create(patchMask, new Shape(1, p)),
                    m.create(realChannel, new Shape(1, c)),
                    m.create(tokens, new Shape(4, K, t)),
                    m.create(tokenMask, new Shape(4, K)),
                    m.create(new long[] {0, 3, 1, 3, 2, 3}, new Shape(1, c)));
            float[] tokens3 = new float[3 * K * t];
            System.arraycopy(tokens, 0, tokens3, 0, tokens3.length);
            boolean[] mask3 = new boolean[3 * K];
            System.arraycopy(tokenMask, 0, mask3, 0, mask3.length);
            NDList small = new NDList(
                    m.create(reduced, new Shape(1, REAL_P, S, REAL_C)),
                    m.create(Windows.allTrue(REAL_P), new Shape(1, REAL_P)),
                    m.create(Windows.allTrue(REAL_C), new Shape(1, REAL_C)),
                    m.create(tokens3, new Shape(3, K, t)),
                    m.create(mask3, new Shape(3, K)),
                    m.create(new long[] {0, 1, 2}, new Shape(1, REAL_C)));

            float[] a = model.forward(ps, full, false).singletonOrThrow().toFloatArray();
            float[] b = model.forward(ps, small, false).singletonOrThrow().toFloatArray();
            int e = cfg.getSemanticDim();
            int rows = perPatchPrediction ? REAL_P : 1;
            double worst = 0;
            for (int i = 0; i < rows * e; i++) {
                worst = Math.max(worst, Math.abs(a[i] - b[i]));
            }
            assertThat(b).hasSize(rows * e);
            assertThat(worst).isLessThanOrEqualTo(1e-5);

            // the comparison is sensitive: changing a real channel's data does change the output
            padded[0] += 1f;
            full.set(0, m.create(padded, new Shape(1, p, S, c)));
            float[] changed = model.forward(ps, full, false).singletonOrThrow().toFloatArray();
            double moved = 0;
            for (int i = 0; i < rows * e; i++) {
                moved = Math.max(moved, Math.abs(changed[i] - a[i]));
            }
            assertThat(moved).isGreaterThan(1e-4);
        }
    }
}
