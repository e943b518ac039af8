package io.tsfm.export.onnx.graph;

import static io.tsfm.export.onnx.testing.Arrays2.maxAbsDiff;
import static io.tsfm.export.onnx.testing.Arrays2.row;
import static io.tsfm.export.onnx.testing.Arrays2.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.tsfm.export.onnx.params.ParameterTensor;
import io.tsfm.export.onnx.testing.Arrays2;
import io.tsfm.export.onnx.testing.Ort;
import io.tsfm.export.onnx.testing.Reference;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each layer helper run in ONNX Runtime against a plain-Java double-precision reference. */
class LayersTest {

    private static final double TOL = 1e-5;
    private final Random rng = new Random(42);

    private static Dim[] dims(long... shape) {
        Dim[] d = new Dim[shape.length];
        for (int i = 0; i < shape.length; i++) {
            d[i] = Dim.dynamic("d" + i);
        }
        return d;
    }

    /** A graph with one float input {@code x} of the given rank whose single output is {@code f(x)}. */
    private static Ort.Output runFloat(float[] x, long[] shape, int outRank,
                                       java.util.function.BiFunction<Layers, Value, Value> f) {
        OnnxGraph g = new OnnxGraph("t");
        Layers layers = new Layers(new Ops(g));
        Value in = g.input("x", DataType.FLOAT, dims(shape));
        Value out = f.apply(layers, in);
        g.output(out, "y", DataType.FLOAT, dims(new long[outRank]));
        return Ort.runOnce(g.toBytes(), Map.of("x", Ort.floats(x, shape)));
    }

    @Test
    void linearMatchesWxPlusBWithOutInWeights() {
        int in = 5;
        int out = 4;
        float[] x = uniform(rng, 2 * 3 * in, 2);
        ParameterTensor w = new ParameterTensor(uniform(rng, out * in, 1), out, in);
        ParameterTensor b = new ParameterTensor(uniform(rng, out, 1), out);
        Ort.Output y = runFloat(x, new long[] {2, 3, in}, 3, (l, v) -> l.linear("fc", v, w, b));
        Ort.Output yNoBias = runFloat(x, new long[] {2, 3, in}, 3, (l, v) -> l.linear("fc", v, w, null));

        assertThat(y.shape()).containsExactly(2, 3, out);
        double[][] expected = new double[6][];
        double[][] expectedNoBias = new double[6][];
        for (int i = 0; i < 6; i++) {
            expected[i] = Reference.linear(w, b, row(x, i, in));
            expectedNoBias[i] = Reference.linear(w, null, row(x, i, in));
        }
        assertThat(maxAbsDiff(y.data(), Arrays2.flatten(expected))).isLessThanOrEqualTo(TOL);
        assertThat(maxAbsDiff(yNoBias.data(), Arrays2.flatten(expectedNoBias))).isLessThanOrEqualTo(TOL);
    }

    @Test
    void linearRejectsMismatchedBias() {
        OnnxGraph g = new OnnxGraph("t");
        Layers layers = new Layers(new Ops(g));
        Value in = g.input("x", DataType.FLOAT, Dim.dynamic("n"), Dim.of(3));
        assertThatThrownBy(() -> layers.linear("fc", in, new ParameterTensor(new float[6], 2, 3),
                new ParameterTensor(new float[3], 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fc");
    }

    @Test
    void geluIsTheExactErfForm() {
        int n = 121;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = -6f + 0.1f * i;
        }
        Ort.Output y = runFloat(x, new long[] {n}, 1, Layers::gelu);
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            expected[i] = Reference.gelu(x[i]);
        }
        assertThat(maxAbsDiff(y.data(), expected)).isLessThanOrEqualTo(TOL);
        // the tanh approximation is off by more than 1e-4 somewhere in [-6, 6]; make sure that is not what we built
        double[] tanh = new double[n];
        for (int i = 0; i < n; i++) {
            tanh[i] = tanhGelu(x[i]);
        }
        assertThat(maxAbsDiff(y.data(), tanh)).isGreaterThan(1e-4);
    }

    private static double tanhGelu(double x) {
        return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    }

    @Test
    void layerNormNormalisesTheLastAxis() {
        int d = 16;
        float[] x = uniform(rng, 3 * 7 * d, 3);
        for (int i = 0; i < x.length; i++) {
            x[i] += 20; // an offset: the E[x²] − E[x]² variance of ORT's LayerNormalization kernel is off by ~5e-4 here
        }
        ParameterTensor gamma = new ParameterTensor(uniform(rng, d, 2), d);
        ParameterTensor beta = new ParameterTensor(uniform(rng, d, 1), d);
        Ort.Output y = runFloat(x, new long[] {3, 7, d}, 3, (l, v) -> l.layerNorm("ln", v, gamma, beta));
        double[][] expected = new double[21][];
        for (int i = 0; i < 21; i++) {
            expected[i] = Reference.layerNorm(row(x, i, d), gamma.data(), beta.data());
        }
        assertThat(maxAbsDiff(y.data(), Arrays2.flatten(expected))).isLessThanOrEqualTo(TOL);
    }

    @Test
    void groupNormUsesOneGroupOverChannelsAndSteps() {
        int n = 4;
        int c = 6;
        int len = 10;
        float[] x = uniform(rng, n * c * len, 2);
        ParameterTensor gamma = new ParameterTensor(uniform(rng, c, 2), c);
        ParameterTensor beta = new ParameterTensor(uniform(rng, c, 1), c);
        Ort.Output y = runFloat(x, new long[] {n, c, len}, 3, (l, v) -> l.groupNormSingle("gn", v, gamma, beta));
        double[] expected = new double[x.length];
        for (int s = 0; s < n; s++) {
            double[][] sample = new double[c][];
            for (int ch = 0; ch < c; ch++) {
                sample[ch] = row(x, s * c + ch, len);
            }
            double[][] out = Reference.groupNorm(sample, gamma.data(), beta.data());
            System.arraycopy(Arrays2.flatten(out), 0, expected, s * c * len, c * len);
        }
        assertThat(maxAbsDiff(y.data(), expected)).isLessThanOrEqualTo(TOL);
    }

    @Test
    void groupNormOfAllZeroInputIsTheBias() {
        int c = 3;
        ParameterTensor gamma = new ParameterTensor(new float[] {2, 3, 4}, c);
        ParameterTensor beta = new ParameterTensor(new float[] {0.5f, -1, 7}, c);
        Ort.Output y = runFloat(new float[2 * c * 4], new long[] {2, c, 4}, 3,
                (l, v) -> l.groupNormSingle("gn", v, gamma, beta));
        for (int i = 0; i < y.data().length; i++) {
            assertThat(y.data()[i]).isEqualTo(beta.data()[(i / 4) % c]);
        }
    }

    @Test
    void conv1dIsSameLengthZeroPaddedWithoutBias() {
        for (int k : new int[] {5, 3}) {
            int n = 3;
            int in = 2;
            int out = 4;
            int len = 12;
            float[] x = uniform(rng, n * in * len, 2);
            ParameterTensor w = new ParameterTensor(uniform(rng, out * in * k, 1), out, in, k);
            Ort.Output y = runFloat(x, new long[] {n, in, len}, 3, (l, v) -> l.conv1d("conv", v, w));
            assertThat(y.shape()).containsExactly(n, out, len);
            double[] expected = new double[n * out * len];
            for (int s = 0; s < n; s++) {
                double[][] sample = new double[in][];
                for (int ch = 0; ch < in; ch++) {
                    sample[ch] = row(x, s * in + ch, len);
                }
                System.arraycopy(Arrays2.flatten(Reference.conv1d(sample, w)), 0, expected, s * out * len,
                        out * len);
            }
            assertThat(maxAbsDiff(y.data(), expected)).as("kernel %d", k).isLessThanOrEqualTo(TOL);
        }
    }

    @Test
    void l2NormalizeGivesUnitRowsAndKeepsZeroRowsZero() {
        int d = 8;
        float[] x = uniform(rng, 4 * d, 3);
        java.util.Arrays.fill(x, 2 * d, 3 * d, 0f);
        Ort.Output y = runFloat(x, new long[] {2, 2, d}, 3, Layers::l2Normalize);
        double[][] expected = new double[4][];
        for (int i = 0; i < 4; i++) {
            expected[i] = Reference.l2Normalize(row(x, i, d));
        }
        assertThat(maxAbsDiff(y.data(), Arrays2.flatten(expected))).isLessThanOrEqualTo(TOL);
        for (int i = 2 * d; i < 3 * d; i++) {
            assertThat(y.data()[i]).isEqualTo(0f);
        }
    }

    /** Attention of q (B, X, Lq, d) over k, v (B, X, Lk, d) with a (B, Lk) key mask. */
    private Ort.Output runAttention(float[] q, float[] k, float[] v, boolean[] mask, int b, int xDim, int lq,
                                    int lk, int d, int heads) {
        OnnxGraph g = new OnnxGraph("att");
        Layers layers = new Layers(new Ops(g));
        Dim[] qd = {Dim.dynamic("B"), Dim.dynamic("X"), Dim.dynamic("Lq"), Dim.of(d)};
        Dim[] kd = {Dim.dynamic("B"), Dim.dynamic("X"), Dim.dynamic("Lk"), Dim.of(d)};
        Value qv = g.input("q", DataType.FLOAT, qd);
        Value kv = g.input("k", DataType.FLOAT, kd);
        Value vv = g.input("v", DataType.FLOAT, kd);
        Value mv = g.input("mask", DataType.BOOL, Dim.dynamic("B"), Dim.dynamic("Lk"));
        Value out = layers.attention(qv, kv, vv, d, heads, layers.keyBias(mv, 5));
        g.output(out, "y", DataType.FLOAT, qd);
        return Ort.runOnce(g.toBytes(), Map.of(
                "q", Ort.floats(q, b, xDim, lq, d), "k", Ort.floats(k, b, xDim, lk, d),
                "v", Ort.floats(v, b, xDim, lk, d), "mask", Ort.bools(mask, b, lk)));
    }

    @Test
    void maskedAttentionIgnoresPaddedKeysAndSurvivesAnAllMaskedRow() {
        int b = 3;
        int xDim = 2;
        int lq = 4;
        int lk = 5;
        int d = 8;
        int heads = 2;
        float[] q = uniform(rng, b * xDim * lq * d, 2);
        float[] k = uniform(rng, b * xDim * lk * d, 2);
        float[] v = uniform(rng, b * xDim * lk * d, 2);
        boolean[] mask = {
            true, true, false, true, false,   // keys 2 and 4 padded
            false, false, false, false, false, // nothing valid: the first key is used
            true, true, true, true, true};
        Ort.Output y = runAttention(q, k, v, mask, b, xDim, lq, lk, d, heads);

        double[] expected = new double[y.data().length];
        for (int s = 0; s < b; s++) {
            boolean[] valid = java.util.Arrays.copyOfRange(mask, s * lk, (s + 1) * lk);
            for (int x = 0; x < xDim; x++) {
                int seq = s * xDim + x;
                double[][] qr = new double[lq][];
                double[][] kr = new double[lk][];
                double[][] vr = new double[lk][];
                for (int i = 0; i < lq; i++) {
                    qr[i] = row(q, seq * lq + i, d);
                }
                for (int j = 0; j < lk; j++) {
                    kr[j] = row(k, seq * lk + j, d);
                    vr[j] = row(v, seq * lk + j, d);
                }
                double[] out = Arrays2.flatten(Reference.attention(qr, kr, vr, valid, heads));
                System.arraycopy(out, 0, expected, seq * lq * d, lq * d);
            }
        }
        assertThat(maxAbsDiff(y.data(), expected)).isLessThanOrEqualTo(TOL);

        // garbage in the padded keys and values of sample 0 changes nothing
        float[] k2 = k.clone();
        float[] v2 = v.clone();
        for (int x = 0; x < xDim; x++) {
            for (int j : new int[] {2, 4}) {
                for (int e = 0; e < d; e++) {
                    k2[(x * lk + j) * d + e] = 1e3f;
                    v2[(x * lk + j) * d + e] = -1e3f;
                }
            }
        }
        Ort.Output y2 = runAttention(q, k2, v2, mask, b, xDim, lq, lk, d, heads);
        assertThat(maxAbsDiff(y2.data(), y.data())).isEqualTo(0.0);
    }

    @Test
    void keyBiasIsZeroForRealKeysAndLargeNegativeForPaddedOnes() {
        OnnxGraph g = new OnnxGraph("bias");
        Layers layers = new Layers(new Ops(g));
        Value mv = g.input("mask", DataType.BOOL, Dim.dynamic("B"), Dim.dynamic("L"));
        g.output(layers.keyBias(mv, 4), "y", DataType.FLOAT, Dim.dynamic("B"), Dim.of(1), Dim.of(1),
                Dim.dynamic("L"));
        boolean[] mask = {true, false, true, false, false, false, false, true, false};
        Ort.Output y = Ort.runOnce(g.toBytes(), Map.of("mask", Ort.bools(mask, 3, 3)));
        assertThat(y.shape()).containsExactly(3, 1, 1, 3);
        float m = Layers.MASKED_SCORE;
        assertThat(y.data()).containsExactly(0, m, 0, /* none valid → first key */ 0, m, m, m, 0, m);
    }

    @Test
    void softmaxWithKeyBiasMatchesSoftmaxOverValidKeys() {
        int lk = 6;
        float[] scores = uniform(rng, 2 * lk, 4);
        boolean[] mask = {true, false, true, true, false, true, false, false, false, false, true, false};
        OnnxGraph g = new OnnxGraph("softmax");
        Layers layers = new Layers(new Ops(g));
        Ops ops = layers.ops();
        Value s = g.input("s", DataType.FLOAT, Dim.dynamic("B"), Dim.dynamic("L"));
        Value mv = g.input("mask", DataType.BOOL, Dim.dynamic("B"), Dim.dynamic("L"));
        g.output(ops.softmax(ops.add(s, layers.keyBias(mv, 2)), -1), "y", DataType.FLOAT, Dim.dynamic("B"),
                Dim.dynamic("L"));
        Ort.Output y = Ort.runOnce(g.toBytes(), Map.of("s", Ort.floats(scores, 2, lk), "mask",
                Ort.bools(mask, 2, lk)));
        double[] expected = new double[2 * lk];
        for (int r = 0; r < 2; r++) {
            double z = 0;
            for (int j = 0; j < lk; j++) {
                if (mask[r * lk + j]) {
                    z += Math.exp(scores[r * lk + j]);
                }
            }
            for (int j = 0; j < lk; j++) {
                expected[r * lk + j] = mask[r * lk + j] ? Math.exp(scores[r * lk + j]) / z : 0;
            }
        }
        assertThat(maxAbsDiff(y.data(), expected)).isLessThanOrEqualTo(TOL);
        for (int j = 0; j < 2 * lk; j++) {
            if (!mask[j]) {
                assertThat(y.data()[j]).isEqualTo(0f);
            }
        }
    }
}
