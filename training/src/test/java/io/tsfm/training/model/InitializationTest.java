package io.tsfm.training.model;

import io.tsfm.training.model.config.TsfmConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Initial parameter values of the tiny tier follow spec §3.9. */
class InitializationTest {

    private static NDManager manager;
    private static TrainableTsfm tiny;

    @BeforeAll
    static void init() {
        Engine.getInstance().setRandomSeed(7);
        manager = NDManager.newBaseManager();
        tiny = new TrainableTsfm(TsfmConfig.tiny());
        tiny.initialize(manager, DataType.FLOAT32);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static float[] values(String regex) {
        return Params.only(tiny, regex).getArray().toFloatArray();
    }

    @Test
    void scalarsStartAtTheirSpecValues() {
        assertThat(values("logit_scale")[0]).isCloseTo((float) Math.log(1 / 0.07), within(1e-5f));
        assertThat(values("positional_encoding_scale")[0]).isCloseTo(0.1f, within(1e-7f));
    }

    @Test
    void normalInitialisedTensorsHaveTheSpecStd() {
        double d = 192;
        assertThat(Params.std(values("encoder_pad_token"))).isCloseTo(0.1 / Math.sqrt(d), within(0.25 * 0.1 / Math.sqrt(d)));
        assertThat(Params.std(values("encoder_mask_token"))).isCloseTo(0.1 / Math.sqrt(d), within(0.25 * 0.1 / Math.sqrt(d)));
        assertThat(Params.std(values("channel_text_fusion_queries"))).isCloseTo(0.02, within(0.004));
        assertThat(Params.std(values("cross_channel_fusion_02fusion_queries"))).isCloseTo(0.02, within(0.004));
        assertThat(Params.std(values("fusion_06mlp2_weight"))).isCloseTo(0.01, within(0.001));
        assertThat(Params.maxAbs(values("fusion_06mlp2_bias"))).isZero();
        assertThat(Params.std(values("label_bank_01pooling_queries"))).isCloseTo(1 / Math.sqrt(384), within(0.005));
        assertThat(Params.std(values("label_bank_01pooling_04out_proj2_weight"))).isCloseTo(0.01, within(0.001));
    }

    @Test
    void uniformInitialisedTensorsRespectTheirBounds() {
        // Xavier uniform, gain 1, zero bias: projection head and packed attention in-projections
        assertBound(values("projection_01fc1_weight"), Math.sqrt(6.0 / (192 + 384)));
        assertThat(Params.maxAbs(values("projection_01fc1_bias"))).isZero();
        assertBound(values("projection_03fc3_weight"), Math.sqrt(6.0 / (384 + 384)));
        assertBound(values("label_bank_01pooling_01attn_in_proj_weight"), Math.sqrt(6.0 / (384 + 3 * 384)));
        assertThat(Params.maxAbs(values("label_bank_01pooling_01attn_in_proj_bias"))).isZero();
        assertThat(Params.maxAbs(values("label_bank_01pooling_01attn_01out_proj_bias"))).isZero();
        // PyTorch defaults U(±1/√fan_in) for Linear weight and bias and for the bias-free conv
        assertBound(values("layer0_01temporal_attn_01query_weight"), 1 / Math.sqrt(192));
        assertBound(values("layer0_01temporal_attn_01query_bias"), 1 / Math.sqrt(192));
        assertBound(values("layer0_06ffn2_weight"), 1 / Math.sqrt(768));
        assertBound(values("convs_02conv1_weight"), 1 / Math.sqrt(32 * 5));
        assertBound(values("convs_01conv0_weight"), 1 / Math.sqrt(5));
    }

    @Test
    void normsStartAsIdentity() {
        for (Parameter p : Params.all(tiny, "(norm\\d?|gn)_weight")) {
            float[] w = p.getArray().toFloatArray();
            assertThat(Params.maxAbs(w)).as(p.getName()).isEqualTo(1.0);
            assertThat(Params.std(w)).as(p.getName()).isZero();
        }
        for (Parameter p : Params.all(tiny, "(norm\\d?|gn)_bias")) {
            assertThat(Params.maxAbs(p.getArray().toFloatArray())).as(p.getName()).isZero();
        }
    }

    /** All values inside ±bound and the extreme close to it (so the bound is the one actually used). */
    private static void assertBound(float[] v, double bound) {
        double m = Params.maxAbs(v);
        assertThat(m).isLessThanOrEqualTo(bound * (1 + 1e-6));
        assertThat(m).isGreaterThan(bound * (v.length > 1000 ? 0.98 : 0.8));
    }
}
