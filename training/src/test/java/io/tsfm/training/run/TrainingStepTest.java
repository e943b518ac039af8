package io.tsfm.training.run;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.PairList;
import io.tsfm.training.optim.AdamW;
import org.junit.jupiter.api.Test;

class TrainingStepTest {

    /**
     * A finite loss can back-propagate a non-finite gradient (here the square root's slope at zero times zero, as a
     * norm of a zero vector gives): the step must leave every weight as it was, discard the gradients, and the next
     * finite step must train as usual. Once, such a step turned every weight of a resumed run into NaN.
     */
    @Test
    void aStepWithNonFiniteGradientsUpdatesNothingAndTheNextStepTrains() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter w = Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build();
            Parameter t = Parameter.builder().setName("logit_scale").setType(Parameter.Type.OTHER).build();
            w.setArray(m.create(new float[] {0f, 1f, 2f}));
            t.setArray(m.create(new float[] {2.5f}));
            w.getArray().setRequiresGradient(true);
            t.getArray().setRequiresGradient(true);
            PairList<String, Parameter> params = new PairList<>();
            params.add("layer.weight", w);
            params.add("loss.logit_scale", t);
            AdamW opt = new AdamW(m, 0.1, 0.0);

            float loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                // sqrt(0 * w0) is 0, its gradient inf * 0 = NaN; the loss itself is finite
                NDArray l = w.getArray().get(0).mul(0f).sqrt().add(w.getArray().sum()).add(t.getArray().sum());
                loss = l.getFloat();
                gc.backward(l);
            }
            assertThat(loss).isEqualTo(5.5f);
            assertThat(w.getArray().getGradient().toFloatArray()[0]).isNaN();
            double norm = TrainingStep.applyGradients(opt, params, m);
            assertThat(norm).isNaN();
            assertThat(w.getArray().toFloatArray()).containsExactly(0f, 1f, 2f);
            assertThat(t.getArray().toFloatArray()).containsExactly(2.5f);
            assertThat(w.getArray().getGradient().toFloatArray()).containsExactly(0f, 0f, 0f);
            assertThat(t.getArray().getGradient().toFloatArray()).containsExactly(0f);

            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(w.getArray().sum().add(t.getArray().sum()));
            }
            double next = TrainingStep.applyGradients(opt, params, m);
            assertThat(next).isCloseTo(Math.sqrt(3), org.assertj.core.data.Offset.offset(1e-6));
            for (float v : w.getArray().toFloatArray()) assertThat(v).isFinite();
            assertThat(w.getArray().toFloatArray()[1]).isLessThan(1f);
            assertThat(w.getArray().getGradient().toFloatArray()).containsExactly(0f, 0f, 0f);
        }
    }

    @Test
    void zeroingDiscardsNaNAndInfiniteGradients() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter w = Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build();
            w.setArray(m.create(new float[] {1f, 4f}));
            w.getArray().setRequiresGradient(true);
            PairList<String, Parameter> params = new PairList<>();
            params.add("layer.weight", w);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                // d/dw of w0 * (1/0) is inf; of sqrt(0 * w1) is NaN
                NDArray zero = m.create(0f);
                gc.backward(w.getArray().get(0).mul(m.create(1f).div(zero)).add(w.getArray().get(1).mul(0f).sqrt()));
            }
            float[] g = w.getArray().getGradient().toFloatArray();
            assertThat(g[0]).isInfinite();
            assertThat(g[1]).isNaN();
            TrainingStep.zeroGradients(params);
            assertThat(w.getArray().getGradient().toFloatArray()).containsExactly(0f, 0f);
        }
    }
}
