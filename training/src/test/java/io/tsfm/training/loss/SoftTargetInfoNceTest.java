package io.tsfm.training.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** The loss against the formula of spec §4.1 evaluated independently with plain double arithmetic. */
class SoftTargetInfoNceTest {

    // three rows of E = 4 (deliberately not unit length, to exercise the formula, not the normalisation)
    private static final float[][] U = {{0.9f, 0.1f, -0.3f, 0.2f}, {-0.2f, 0.8f, 0.4f, 0.1f}, {0.3f, -0.5f, 0.7f, 0.4f}};
    private static final float[][] T = {{0.7f, 0.3f, -0.1f, 0.5f}, {0.1f, 0.9f, 0.2f, -0.3f}, {0.2f, -0.4f, 0.9f, 0.1f}};
    private static final float[][] F = {{0.6f, 0.6f, 0.1f, 0.5f}, {0.5f, 0.7f, 0.0f, 0.5f}, {0.1f, -0.2f, 0.95f, 0.2f}};
    private static final float[][] QU = {{-0.6f, 0.2f, 0.1f, 0.7f}, {0.4f, 0.4f, -0.6f, -0.5f}};
    private static final float[][] QT = {{0.3f, -0.7f, 0.2f, 0.6f}, {-0.5f, 0.1f, 0.8f, -0.2f}};

    @Test
    void matchesHandComputedValueWithQueue() {
        double scale = Math.exp((float) Math.log(1 / 0.07));
        double expected = expectedLoss(U, T, F, QU, QT, scale, 1.0);
        assertThat(run(SoftTargetInfoNce.builder().build(), U, T, F, QU, QT, null)).isCloseTo(expected,
                tolerance(expected));
    }

    @Test
    void matchesHandComputedValueWithoutQueue() {
        double scale = Math.exp((float) Math.log(1 / 0.07));
        double expected = expectedLoss(U, T, F, new float[0][], new float[0][], scale, 1.0);
        assertThat(run(SoftTargetInfoNce.builder().build(), U, T, F, null, null, null)).isCloseTo(expected,
                tolerance(expected));
        // an empty queue (Q = 0) is the same as none
        assertThat(run(SoftTargetInfoNce.builder().build(), U, T, F, new float[0][], new float[0][], null))
                .isCloseTo(expected, tolerance(expected));
    }

    @Test
    void temperatureIsClampedAndTheClampStopsItsGradient() {
        double expected = expectedLoss(U, T, F, QU, QT, 50.0, 1.0);
        float[] grad = new float[1];
        double clamped = run(SoftTargetInfoNce.builder().optInitialTemperature(0.01).build(), U, T, F, QU, QT, grad);
        assertThat(clamped).isCloseTo(expected, tolerance(expected));
        assertThat(grad[0]).isZero();

        double unclamped = run(SoftTargetInfoNce.builder().build(), U, T, F, QU, QT, grad);
        assertThat(unclamped).isNotCloseTo(clamped, within(1e-3));
        assertThat(grad[0]).isNotZero();
    }

    @Test
    void hardTargetsAndTheStdFloorFollowTheFormula() {
        double scale = Math.exp((float) Math.log(1 / 0.07));
        double hard = expectedLoss(U, T, F, QU, QT, scale, 0.0);
        assertThat(run(SoftTargetInfoNce.builder().optSoftTargetWeight(0).build(), U, T, F, QU, QT, null))
                .isCloseTo(hard, tolerance(hard));

        // identical frozen rows: std 0 is floored at 0.1, S' = 0, targets uniform
        float[][] same = {F[0], F[0], F[0]};
        double uniform = expectedLoss(U, T, same, QU, QT, scale, 1.0);
        assertThat(run(SoftTargetInfoNce.builder().build(), U, T, same, QU, QT, null))
                .isCloseTo(uniform, tolerance(uniform));
    }

    @Test
    void singleRowUsesItsOwnColumnAsTarget() {
        float[][] u = {U[0]};
        float[][] t = {T[0]};
        float[][] f = {F[0]};
        double scale = Math.exp((float) Math.log(1 / 0.07));
        double expected = expectedLoss(u, t, f, QU, QT, scale, 0.0);
        assertThat(run(SoftTargetInfoNce.builder().build(), u, t, f, QU, QT, null))
                .isCloseTo(expected, tolerance(expected));
    }

    @Test
    void mismatchedShapesAreRejected() {
        try (NDManager m = NDManager.newBaseManager()) {
            SoftTargetInfoNce loss = SoftTargetInfoNce.builder().build();
            loss.initialize(m, DataType.FLOAT32, new Shape(3, 4), new Shape(3, 4), new Shape(3, 4));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray a = m.ones(new Shape(3, 4));
            NDArray b = m.ones(new Shape(2, 4));
            assertThatThrownBy(() -> loss.apply(ps, a, b, a, null, null, false)).hasMessageContaining("t must have");
            assertThatThrownBy(() -> loss.apply(ps, a, a, a, m.ones(new Shape(2, 5)), m.ones(new Shape(2, 5)), false))
                    .hasMessageContaining("queue rows must have width 4");
            assertThatThrownBy(() -> loss.apply(ps, a, a, a, b, null, false)).hasMessageContaining("together");
        }
    }

    /** float32 evaluation against a double reference: 1e-5 relative plus 1e-6 absolute for tiny losses. */
    private static org.assertj.core.data.Offset<Double> tolerance(double expected) {
        return within(1e-6 + 1e-5 * Math.abs(expected));
    }

    /** Runs the DJL loss; if {@code gradOut} is given, also backpropagates and stores d loss / d logit_scale. */
    private static double run(SoftTargetInfoNce loss, float[][] u, float[][] t, float[][] f, float[][] qu,
                              float[][] qt, float[] gradOut) {
        try (NDManager m = NDManager.newBaseManager()) {
            loss.initialize(m, DataType.FLOAT32, new Shape(u.length, 4), new Shape(u.length, 4),
                    new Shape(u.length, 4));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray qArrU = qu == null ? null : rows(m, qu);
            NDArray qArrT = qt == null ? null : rows(m, qt);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList out = loss.apply(ps, rows(m, u), rows(m, t), rows(m, f), qArrU, qArrT, true);
                double value = out.get(0).getFloat();
                if (gradOut != null) {
                    gc.backward(out.get(0));
                    gradOut[0] = loss.getLogitScale().getArray().getGradient().getFloat(0);
                }
                return value;
            } finally {
                loss.getLogitScale().close();
            }
        }
    }

    private static NDArray rows(NDManager m, float[][] x) {
        int n = x.length;
        float[] flat = new float[n * 4];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x[i], 0, flat, i * 4, 4);
        }
        return m.create(flat, new Shape(n, 4));
    }

    // ---- independent reference in double precision ----

    private static double expectedLoss(float[][] u, float[][] t, float[][] f, float[][] qu, float[][] qt,
                                       double scale, double softWeight) {
        int n = u.length;
        double[][] y = targets(f, softWeight);
        double i2t = crossEntropy(u, t, qt, y, scale);
        double t2i = crossEntropy(t, u, qu, y, scale);
        return 0.5 * (i2t + t2i);
    }

    private static double[][] targets(float[][] f, double softWeight) {
        int n = f.length;
        double[][] y = new double[n][n];
        if (n == 1) {
            y[0][0] = 1;
            return y;
        }
        double[][] s = new double[n][n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s[i][j] = dot(f[i], f[j]);
                mean += s[i][j];
            }
        }
        mean /= n * n;
        double ss = 0;
        for (double[] row : s) {
            for (double v : row) {
                ss += (v - mean) * (v - mean);
            }
        }
        double std = Math.max(Math.sqrt(ss / (n * n - 1)), 0.1);
        for (int i = 0; i < n; i++) {
            double[] z = new double[n];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                z[j] = (s[i][j] - mean) / std / 0.5;
                max = Math.max(max, z[j]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                z[j] = Math.exp(z[j] - max);
                sum += z[j];
            }
            for (int j = 0; j < n; j++) {
                y[i][j] = softWeight * z[j] / sum + (i == j ? 1 - softWeight : 0);
            }
        }
        return y;
    }

    /** mean_i −Σ_{j<N} Y_ij log softmax_j(scale · a_i · [b ; queue]_j). */
    private static double crossEntropy(float[][] a, float[][] b, float[][] queue, double[][] y, double scale) {
        int n = a.length;
        int cols = n + queue.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double[] logits = new double[cols];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                logits[j] = scale * dot(a[i], j < n ? b[j] : queue[j - n]);
                max = Math.max(max, logits[j]);
            }
            double lse = 0;
            for (double l : logits) {
                lse += Math.exp(l - max);
            }
            lse = max + Math.log(lse);
            for (int j = 0; j < n; j++) {
                total -= y[i][j] * (logits[j] - lse);
            }
        }
        return total / n;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
