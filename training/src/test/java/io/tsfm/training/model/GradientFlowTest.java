package io.tsfm.training.model;

import io.tsfm.training.model.config.TsfmConfig;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.tsfm.training.loss.MemoryBank;
import io.tsfm.training.loss.PatchFlattening;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * One training step of the micro tier reaches every parameter of the path it uses. Two tokens never get a gradient:
 * {@code mask_token} (only for the optional masked pretraining) and {@code pad_token} — a padded patch is only ever a
 * masked key and its own outputs are dropped, which is exactly the masking invariance of spec §3.5. The step below
 * does contain a padded patch, so a leak of padding into real outputs would show up here as a pad_token gradient.
 */
class GradientFlowTest {

    @Test
    void perPatchStepGivesEveryUsedParameterAGradient() {
        List<String> zero = stepAndCollectZeroGradients(TsfmConfig.micro());
        // per-patch tiers keep TemporalAttention and the pooling block but never run them (spec §3.7)
        assertThat(zero).isNotEmpty().allMatch(n -> n.endsWith("mask_token") || n.endsWith("pad_token")
                || n.contains("head_02temporal_attention_") || n.contains("head_03attention_pooling_"));
        assertThat(zero).contains("01model_01encoder_mask_token", "01model_01encoder_pad_token");
        TrainableTsfm reference = new TrainableTsfm(TsfmConfig.micro());
        long unusedHeadParameters = reference.getParameters().keys().stream()
                .filter(n -> n.contains("head_02temporal_attention_") || n.contains("head_03attention_pooling_"))
                .count();
        assertThat(zero).hasSize(2 + (int) unusedHeadParameters);
    }

    @Test
    void pooledStepGivesAllButTheMaskTokenAGradient() {
        List<String> zero = stepAndCollectZeroGradients(
                TsfmConfig.micro().toBuilder().setPerPatchPrediction(false).build());
        assertThat(zero).containsExactlyInAnyOrder("01model_01encoder_mask_token", "01model_01encoder_pad_token");
    }

    private static List<String> stepAndCollectZeroGradients(TsfmConfig cfg) {
        Engine.getInstance().setRandomSeed(5);
        Random rnd = new Random(5);
        int b = 4;
        int p = 3;
        int c = 3;
        TrainableTsfm all = new TrainableTsfm(cfg);
        try (NDManager m = NDManager.newBaseManager()) {
            all.initialize(m, DataType.FLOAT32);
            ParameterStore ps = new ParameterStore(m, false);
            NDList in = Windows.fullInputs(m, cfg, rnd, b, p, c, 3, 4);
            // sample 3 has one padded patch so pad_token is on the path
            in.set(1, m.create(new boolean[] {true, true, true, true, true, true, true, true, true, true, true, false},
                    new Shape(b, p)));
            int labels = 3;
            in.add(m.create(Windows.randomTokens(rnd, labels, 4, cfg.getSemanticDim()),
                    new Shape(labels, 4, cfg.getSemanticDim())));
            in.add(m.create(Windows.allTrue(labels * 4), new Shape(labels, 4)));
            NDArray labelOfSample = m.create(new long[] {0, 1, 2, 1});
            NDArray frozen = m.randomNormal(new Shape(labels, cfg.getSemanticDim()));

            MemoryBank bank = new MemoryBank(8, cfg.getSemanticDim());
            float[] old = Windows.randomTokens(rnd, 5, 1, cfg.getSemanticDim());
            bank.push(old, old);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList out = all.forward(ps, in, true);
                NDArray u;
                NDArray rowLabel;
                if (cfg.isPerPatchPrediction()) {
                    u = PatchFlattening.validRows(out.get(0), in.get(1));
                    rowLabel = labelOfSample.get(PatchFlattening.rowSampleIndex(in.get(1)));
                } else {
                    u = out.get(0);
                    rowLabel = labelOfSample;
                }
                NDList queue = bank.queue(m);
                NDArray loss = all.getLoss().apply(ps, u, out.get(1).get(rowLabel), frozen.get(rowLabel),
                        queue.get(0), queue.get(1), true).get(0);
                assertThat(Double.isFinite(loss.getFloat())).isTrue();
                gc.backward(loss);
            }
            List<String> zero = new ArrayList<>();
            for (Pair<String, Parameter> e : all.getParameters()) {
                NDArray grad = e.getValue().getArray().getGradient();
                float[] g = grad.toFloatArray();
                boolean nonZero = false;
                for (float v : g) {
                    assertThat(Float.isFinite(v)).as(e.getKey()).isTrue();
                    nonZero |= v != 0f;
                }
                if (!nonZero) {
                    zero.add(e.getKey());
                }
            }
            return zero;
        }
    }
}
