package io.tsfm.training.model;

import io.tsfm.training.model.config.TsfmConfig;
import io.tsfm.training.model.config.FeatureExtractorType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Output shapes, unit norms and input validation of the micro tier, per-patch and pooled. */
class TsfmModelShapeTest {

    private static NDManager manager;
    private static TsfmModel perPatch;
    private static TsfmModel pooled;

    @BeforeAll
    static void init() {
        Engine.getInstance().setRandomSeed(11);
        manager = NDManager.newBaseManager();
        perPatch = new TsfmModel(TsfmConfig.micro());
        perPatch.initialize(manager, DataType.FLOAT32);
        pooled = new TsfmModel(TsfmConfig.micro().toBuilder().setPerPatchPrediction(false).build());
        pooled.initialize(manager, DataType.FLOAT32);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @ParameterizedTest
    @CsvSource({"3,1", "3,4", "6,6", "9,7", "9,2"})
    void perPatchOutputIsUnitNormPerPatch(int channels, int patches) {
        try (NDManager m = manager.newSubManager()) {
            NDList in = Windows.fullInputs(m, TsfmConfig.micro(), new Random(channels * 31L + patches), 2,
                    patches, channels, Math.min(channels, 4), 5);
            for (boolean training : new boolean[] {false, true}) {
                NDArray out = perPatch.forward(new ParameterStore(m, false), in, training).singletonOrThrow();
                assertThat(out.getShape()).isEqualTo(new Shape(2, patches, 384));
                assertThat(Windows.maxNormError(out)).isLessThan(1e-5);
            }
            assertThat(perPatch.getOutputShapes(in.getShapes())[0]).isEqualTo(new Shape(2, patches, 384));
        }
    }

    @ParameterizedTest
    @CsvSource({"3,1", "6,5", "9,3"})
    void pooledOutputIsOneUnitVectorPerWindow(int channels, int patches) {
        try (NDManager m = manager.newSubManager()) {
            NDList in = Windows.fullInputs(m, pooled.getConfig(), new Random(channels * 17L + patches), 3, patches,
                    channels, channels, 4);
            NDArray out = pooled.forward(new ParameterStore(m, false), in, false).singletonOrThrow();
            assertThat(out.getShape()).isEqualTo(new Shape(3, 384));
            assertThat(Windows.maxNormError(out)).isLessThan(1e-5);
            assertThat(pooled.getOutputShapes(in.getShapes())[0]).isEqualTo(new Shape(3, 384));
        }
    }

    @Test
    void cnnExtractorAndNoTextFusionVariantsRun() {
        TsfmConfig cnnPooled = TsfmConfig.micro().toBuilder().setFeatureExtractorType(FeatureExtractorType.CNN)
                .setPerPatchPrediction(false).build();
        TsfmConfig noText = TsfmConfig.micro().toBuilder().optUseChannelTextFusion(false).build();
        try (NDManager m = manager.newSubManager()) {
            TsfmModel cnn = new TsfmModel(cnnPooled);
            cnn.initialize(m, DataType.FLOAT32);
            NDList in = Windows.fullInputs(m, cnnPooled, new Random(8), 2, 3, 6, 6, 4);
            NDArray out = cnn.forward(new ParameterStore(m, false), in, true).singletonOrThrow();
            assertThat(out.getShape()).isEqualTo(new Shape(2, 384));
            assertThat(Windows.maxNormError(out)).isLessThan(1e-5);

            TsfmModel plain = new TsfmModel(noText);
            assertThat(plain.getChannelTextFusion()).isNull();
            plain.initialize(m, DataType.FLOAT32);
            NDArray out2 = plain.forward(new ParameterStore(m, false), in.subNDList(0, 3), false).singletonOrThrow();
            assertThat(out2.getShape()).isEqualTo(new Shape(2, 3, 384));
            assertThat(Windows.maxNormError(out2)).isLessThan(1e-5);
        }
    }

    @Test
    void differentWindowsGiveDifferentEmbeddings() {
        try (NDManager m = manager.newSubManager()) {
            NDList in = Windows.fullInputs(m, TsfmConfig.micro(), new Random(5), 2, 3, 6, 6, 4);
            float[] out = perPatch.forward(new ParameterStore(m, false), in, false).singletonOrThrow().toFloatArray();
            // sample 0 vs sample 1, patch 0: random inputs must not collapse to one vector
            double diff = 0;
            for (int e = 0; e < 384; e++) {
                diff += Math.abs(out[e] - out[3 * 384 + e]);
            }
            assertThat(diff).isGreaterThan(1e-3);
        }
    }

    @Test
    void badInputsAreRejectedWithTheirName() {
        try (NDManager m = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            NDList in = Windows.fullInputs(m, TsfmConfig.micro(), new Random(3), 2, 3, 3, 3, 4);
            NDList noPatch = new NDList(in);
            noPatch.set(1, m.create(new boolean[] {true, true, false, false, false, false}, new Shape(2, 3)));
            assertThatThrownBy(() -> perPatch.forward(ps, noPatch, false))
                    .hasMessageContaining("patch_mask: sample 1 has no real patch");

            NDList noChannel = new NDList(in);
            noChannel.set(2, m.create(new boolean[] {false, false, false, true, false, false}, new Shape(2, 3)));
            assertThatThrownBy(() -> perPatch.forward(ps, noChannel, false))
                    .hasMessageContaining("channel_mask: sample 0 has no real channel");

            NDList badIndex = new NDList(in);
            badIndex.set(5, m.create(new long[] {0, 1, 2, 0, 3, 1}, new Shape(2, 3)));
            assertThatThrownBy(() -> perPatch.forward(ps, badIndex, false))
                    .hasMessageContaining("channel_index[1][1] = 3");

            NDList wrongSteps = new NDList(in);
            wrongSteps.set(0, m.zeros(new Shape(2, 3, 32, 3)));
            assertThatThrownBy(() -> perPatch.forward(ps, wrongSteps, false))
                    .hasMessageContaining("patches must be (B, P, 64, C)");

            assertThatThrownBy(() -> perPatch.forward(ps, in.subNDList(0, 3), false))
                    .hasMessageContaining("channel_tokens, channel_token_mask and channel_index are required");
        }
    }
}
