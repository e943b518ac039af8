package io.tsfm.export.onnx.graph;

import static io.tsfm.export.onnx.testing.Arrays2.maxAbsDiff;
import static io.tsfm.export.onnx.testing.Arrays2.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.tsfm.export.onnx.testing.Ort;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The structural and element-wise op wrappers in ONNX Runtime against index arithmetic done by hand. */
class OpsTest {

    private final Random rng = new Random(7);

    private static Dim[] dyn(int rank) {
        Dim[] d = new Dim[rank];
        for (int i = 0; i < rank; i++) {
            d[i] = Dim.dynamic("d" + i);
        }
        return d;
    }

    private interface Body {
        Value apply(Ops ops, Value x);
    }

    private static Ort.Output run(float[] x, long[] shape, int outRank, Body body) {
        OnnxGraph g = new OnnxGraph("t");
        Ops ops = new Ops(g);
        Value in = g.input("x", DataType.FLOAT, dyn(shape.length));
        g.output(body.apply(ops, in), "y", DataType.FLOAT, dyn(outRank));
        return Ort.runOnce(g.toBytes(), Map.of("x", Ort.floats(x, shape)));
    }

    @Test
    void transposePermutesAxes() {
        float[] x = uniform(rng, 2 * 3 * 4, 1);
        Ort.Output y = run(x, new long[] {2, 3, 4}, 3, (o, v) -> o.transpose(v, 2, 0, 1));
        assertThat(y.shape()).containsExactly(4, 2, 3);
        float[] expected = new float[x.length];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 3; b++) {
                for (int c = 0; c < 4; c++) {
                    expected[(c * 2 + a) * 3 + b] = x[(a * 3 + b) * 4 + c];
                }
            }
        }
        assertThat(y.data()).containsExactly(expected);
    }

    @Test
    void reshapeCopiesZeroDimsAndInfersMinusOne() {
        float[] x = uniform(rng, 2 * 3 * 4, 1);
        Ort.Output y = run(x, new long[] {2, 3, 4}, 2, (o, v) -> o.reshape(v, 0, -1));
        assertThat(y.shape()).containsExactly(2, 12);
        assertThat(y.data()).containsExactly(x);
    }

    @Test
    void concatJoinsAlongAnAxis() {
        float[] x = uniform(rng, 2 * 3, 1);
        Ort.Output y = run(x, new long[] {2, 3}, 2, (o, v) -> o.concat(1, v, o.mul(v, o.scalar(2f))));
        assertThat(y.shape()).containsExactly(2, 6);
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                assertThat(y.data()[r * 6 + c]).isEqualTo(x[r * 3 + c]);
                assertThat(y.data()[r * 6 + 3 + c]).isEqualTo(2 * x[r * 3 + c]);
            }
        }
    }

    @Test
    void gatherPicksRows() {
        float[] x = uniform(rng, 4 * 3, 1);
        Ort.Output y = run(x, new long[] {4, 3}, 2, (o, v) -> o.gather(v, o.graph().int64s(2, 0, 2), 0));
        assertThat(y.shape()).containsExactly(3, 3);
        int[] rows = {2, 0, 2};
        for (int i = 0; i < 3; i++) {
            for (int c = 0; c < 3; c++) {
                assertThat(y.data()[i * 3 + c]).isEqualTo(x[rows[i] * 3 + c]);
            }
        }
    }

    @Test
    void whereCastSigmoidAndReduceMean() {
        float[] x = uniform(rng, 3 * 5, 4);
        // where(x > 0 as bool via cast of sigmoid rounding is awkward; use cast(bool) of a comparison-free mask:
        // cast(x) to bool is x != 0, so every entry is true except the zero we plant
        x[4] = 0f;
        Ort.Output w = run(x, new long[] {3, 5}, 2,
                (o, v) -> o.where(o.cast(v, DataType.BOOL), o.sigmoid(v), o.scalar(-1f)));
        for (int i = 0; i < x.length; i++) {
            double expected = x[i] != 0 ? 1 / (1 + Math.exp(-x[i])) : -1;
            assertThat(Math.abs(w.data()[i] - expected)).as("entry %d", i).isLessThanOrEqualTo(1e-6);
        }
        Ort.Output m = run(x, new long[] {3, 5}, 1, (o, v) -> o.reduceMean(v, false, 1));
        double[] means = new double[3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 5; c++) {
                means[r] += x[r * 5 + c] / 5.0;
            }
        }
        assertThat(maxAbsDiff(m.data(), means)).isLessThanOrEqualTo(1e-6);
    }

    @Test
    void sliceByARuntimeShapeAndUnsqueeze() {
        // rows [0, n) of a constant table where n is the first dim of the input: the positional-table pattern
        float[] table = uniform(rng, 10 * 2, 1);
        float[] x = new float[3 * 2];
        Ort.Output y = run(x, new long[] {3, 2}, 3, (o, v) -> {
            Value t = o.graph().initializer("table", table, 10, 2);
            return o.unsqueeze(o.slice(t, o.graph().int64s(0), o.shape(v, 0, 1), o.graph().int64s(0)), 0);
        });
        assertThat(y.shape()).containsExactly(1, 3, 2);
        assertThat(y.data()).containsExactly(java.util.Arrays.copyOf(table, 6));
    }

    @Test
    void graphRejectsUnknownInputsAndDuplicateNames() {
        OnnxGraph g = new OnnxGraph("t");
        Ops ops = new Ops(g);
        g.input("x", DataType.FLOAT, Dim.of(2));
        assertThatThrownBy(() -> g.input("x", DataType.FLOAT, Dim.of(2)))
                .hasMessageContaining("duplicate value name 'x'");
        assertThatThrownBy(() -> ops.sqrt(new Value("nope", 1))).hasMessageContaining("unknown value 'nope'");
        assertThatThrownBy(() -> g.initializer("w", new float[3], 2, 2)).hasMessageContaining("'w'");
        assertThatThrownBy(g::toModel).hasMessageContaining("no outputs");
    }
}
