package io.tsfm.training.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdamWTest {

    @Test
    void twoStepsMatchHandComputedAdamWAndRespectTheNoDecayGroup() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter w = Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build();
            Parameter b = Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build();
            w.setArray(m.create(new float[] {1f, -2f}));
            b.setArray(m.create(new float[] {0.5f, 0.5f}));
            PairList<String, Parameter> params = new PairList<>();
            params.add("layer.weight", w);
            params.add("layer.bias", b);
            double lr = 0.1, wd = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
            AdamW opt = new AdamW(m, lr, wd);
            float[][] grads = {{0.3f, -0.4f}, {0.1f, 0.2f}};
            // hand computation, double precision
            double[] wRef = {1, -2};
            double[] bRef = {0.5, 0.5};
            double[] mw = new double[2], vw = new double[2], mb = new double[2], vb = new double[2];
            for (int step = 1; step <= 2; step++) {
                NDArray gw = m.create(grads[step - 1]);
                NDArray gb = m.create(grads[step - 1]);
                opt.update(params, Map.of("layer.weight", gw, "layer.bias", gb));
                double bc1 = 1 - Math.pow(b1, step), bc2 = 1 - Math.pow(b2, step);
                for (int i = 0; i < 2; i++) {
                    double g = grads[step - 1][i];
                    mw[i] = b1 * mw[i] + (1 - b1) * g; vw[i] = b2 * vw[i] + (1 - b2) * g * g;
                    mb[i] = b1 * mb[i] + (1 - b1) * g; vb[i] = b2 * vb[i] + (1 - b2) * g * g;
                    wRef[i] *= 1 - lr * wd;                       // decayed group
                    wRef[i] -= lr / bc1 * mw[i] / (Math.sqrt(vw[i] / bc2) + eps);
                    bRef[i] -= lr / bc1 * mb[i] / (Math.sqrt(vb[i] / bc2) + eps); // no decay for biases
                }
            }
            float[] wGot = w.getArray().toFloatArray();
            float[] bGot = b.getArray().toFloatArray();
            for (int i = 0; i < 2; i++) {
                assertThat((double) wGot[i]).isCloseTo(wRef[i], offset(1e-5));
                assertThat((double) bGot[i]).isCloseTo(bRef[i], offset(1e-5));
            }
            assertThat(AdamW.decays("encoder.layer0.weight")).isTrue();
            assertThat(AdamW.decays("head.queries")).isFalse();
        }
    }

    @Test
    void clippingScalesTheJointNorm() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {3f, 0f});
            NDArray b = m.create(new float[] {0f, 4f});
            double before = AdamW.clipGradNorm(java.util.List.of(a, b), 1.0);
            assertThat(before).isCloseTo(5.0, offset(1e-6));
            double after = Math.sqrt(a.square().sum().getFloat() + b.square().sum().getFloat());
            assertThat(after).isCloseTo(1.0, offset(1e-5));
        }
    }

    @Test
    void scheduleWarmsUpThenDecaysToTheFloor() {
        LrSchedule s = new LrSchedule(8e-5, 3, 100, 0.01);
        assertThat(s.at(0)).isCloseTo(8e-5 / 3, offset(1e-12));
        assertThat(s.at(2)).isCloseTo(8e-5, offset(1e-12));
        assertThat(s.at(3)).isCloseTo(8e-5, offset(1e-12));
        assertThat(s.at(100)).isCloseTo(8e-7, offset(1e-12));
        assertThat(s.at(50)).isBetween(8e-7, 8e-5);
    }
}
