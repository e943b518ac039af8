package io.tsfm.benchmark.baseline.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.catalog.DatasetCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PretrainerTest {
    private static TrainingCorpus hmp;

    @BeforeAll
    static void read() throws Exception {
        DataRoot root = DataRoot.resolve();
        hmp = TrainingCorpus.load(List.of("hmp"), DatasetCatalog.load(root), root);
    }

    /** Reconstruction losses of the finite steps; a step with a non-finite loss is skipped, at most one of them. */
    private static List<Double> losses(NeuralBaseline kind, int steps) {
        float[][][] x = hmp.inputs();
        int[] order = BaselineFineTuner.permutation(x.length, new Random(7));
        List<Double> out = new ArrayList<>();
        int skipped = 0;
        try (NDManager m = NeuralScorer.cpuManager()) {
            // initialisation and dropout draw from the engine's generator: seed it so the test is repeatable
            ai.djl.engine.Engine.getInstance().setRandomSeed(42);
            ImuBertEncoder enc = BaselineModel.create(kind, 1, 1, m).encoder();
            Pretrainer p = new Pretrainer(kind, enc, m, 1e-3, 42);
            for (int s = 0; s < steps; s++) {
                Pretrainer.Loss l = p.step(x, order, 0, 32);
                if (l.finite()) {
                    out.add(l.reconstruction());
                } else {
                    skipped++;
                }
            }
        }
        assertThat(skipped).as("non-finite steps of %d", steps).isLessThanOrEqualTo(1);
        return out;
    }

    /** Every weight of the encoder, flattened in parameter order. */
    private static float[] weights(ImuBertEncoder enc) {
        List<float[]> parts = new ArrayList<>();
        int n = 0;
        for (var p : enc.getParameters()) {
            float[] a = p.getValue().getArray().toFloatArray();
            parts.add(a);
            n += a.length;
        }
        float[] out = new float[n];
        int at = 0;
        for (float[] a : parts) {
            System.arraycopy(a, 0, out, at, a.length);
            at += a.length;
        }
        return out;
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    @Test
    void limuBertReconstructionLossFallsOverAFewStepsOnRealWindows() {
        List<Double> l = losses(NeuralBaseline.LIMU_BERT, 16);
        assertThat(mean(l.subList(l.size() - 4, l.size()))).isLessThan(0.7 * mean(l.subList(0, 4)));
    }

    @Test
    void crossHarReconstructionLossFallsWhileTheContrastiveTermTrainsBesideIt() {
        List<Double> l = losses(NeuralBaseline.CROSSHAR, 24);
        assertThat(mean(l.subList(l.size() - 4, l.size()))).isLessThan(0.85 * mean(l.subList(0, 4)));
    }

    @Test
    void aBatchWithANonFiniteLossIsSkippedWithoutTouchingTheWeightsAndTrainingGoesOn() {
        float[][][] real = hmp.inputs();
        float[][][] x = new float[64][][];
        for (int i = 0; i < 64; i++) x[i] = real[i];
        float[][] broken = new float[real[0].length][];
        for (int t = 0; t < broken.length; t++) broken[t] = real[0][t].clone();
        broken[5][0] = Float.POSITIVE_INFINITY;
        x[3] = broken; // in the first batch of 32
        int[] order = new int[64];
        for (int i = 0; i < 64; i++) order[i] = i;
        try (NDManager m = NeuralScorer.cpuManager()) {
            ai.djl.engine.Engine.getInstance().setRandomSeed(42);
            ImuBertEncoder enc = BaselineModel.create(NeuralBaseline.LIMU_BERT, 1, 1, m).encoder();
            Pretrainer p = new Pretrainer(NeuralBaseline.LIMU_BERT, enc, m, 1e-3, 42);
            float[] before = weights(enc);
            Pretrainer.Loss bad = p.step(x, order, 0, 32);
            assertThat(bad.finite()).isFalse();
            assertThat(weights(enc)).containsExactly(before);
            Pretrainer.Loss good = p.step(x, order, 32, 64);
            assertThat(good.finite()).isTrue();
            float[] after = weights(enc);
            assertThat(after).isNotEqualTo(before);
            for (float w : after) assertThat(Float.isFinite(w)).isTrue();
            // an epoch made mostly of such batches ends the run with a one-line reason
            float[][][] allBroken = {broken, broken, broken, broken};
            assertThatThrownBy(() -> p.run(allBroken, 2, 1, 60, null))
                    .isInstanceOf(io.tsfm.training.finetune.FineTuningDivergedException.class)
                    .hasMessageContaining("2 of 2 steps");
        }
    }

    @Test
    void spanMaskChoosesEighteenStepsNeverTheLast() {
        SpanMask mask = new SpanMask(new Random(3));
        for (int i = 0; i < 50; i++) {
            boolean[] p = mask.positions(120);
            int n = 0;
            for (boolean b : p) if (b) n++;
            assertThat(n).isEqualTo(18);
            assertThat(p[119]).isFalse();
        }
    }

    @Test
    void modelsScoreOneVotePerSubWindowAndInstanceNormLeavesAMissingGyroscopeAtZero() {
        float[][][] x = {hmp.windows().get(0).input(), hmp.windows().get(1).input()};
        try (NDManager m = NeuralScorer.cpuManager()) {
            BaselineModel limu = BaselineModel.create(NeuralBaseline.LIMU_BERT, 5, 6, m);
            BaselineModel cross = BaselineModel.create(NeuralBaseline.CROSSHAR, 5, 1, m);
            ParameterStore ps = new ParameterStore(m, false);
            var batch = BaselineFineTuner.batch(m, x, new int[] {0, 1}, 0, 2);
            assertThat(limu.scores(ps, batch, false).getShape().getShape()).containsExactly(2, 6, 5);
            assertThat(cross.scores(ps, batch, false).getShape().getShape()).containsExactly(2, 1, 5);
            float[] norm = NeuralBaseline.CROSSHAR.normalize(batch).toFloatArray();
            for (int t = 0; t < 120; t++) assertThat(norm[t * 6 + 4]).isEqualTo(0f);
            // acc x of window 0 standardised over time: mean 0, variance ~1
            double s = 0;
            double s2 = 0;
            for (int t = 0; t < 120; t++) {
                s += norm[t * 6];
                s2 += norm[t * 6] * norm[t * 6];
            }
            assertThat(Math.abs(s / 120)).isLessThan(1e-4);
            assertThat(s2 / 120).isBetween(0.98, 1.0001);
            float[] limuIn = NeuralBaseline.LIMU_BERT.normalize(batch).toFloatArray();
            assertThat(limuIn[0]).isEqualTo(x[0][0][0] / 9.8f, org.assertj.core.api.Assertions.within(1e-6f));
        }
    }
}
