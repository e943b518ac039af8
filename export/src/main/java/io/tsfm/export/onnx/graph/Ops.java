package io.tsfm.export.onnx.graph;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.util.Arrays;
import java.util.List;

/**
 * Typed wrappers for the ONNX opset-17 primitives the exporter uses, each adding one node to an {@link OnnxGraph} and
 * computing the output rank (broadcasting ops take the larger input rank). Only what the model needs is here.
 * Not thread-safe (the graph is not).
 */
public final class Ops {

    private final OnnxGraph g;

    /** Ops adding nodes to {@code graph}. */
    public Ops(OnnxGraph graph) {
        this.g = graph;
    }

    /** The graph nodes are added to. */
    public OnnxGraph graph() {
        return g;
    }

    /** A float32 scalar constant. */
    public Value scalar(float v) {
        return g.scalar(v);
    }

    /** {@code a + b} with broadcasting. */
    public Value add(Value a, Value b) {
        return binary("Add", a, b);
    }

    /** {@code a − b} with broadcasting. */
    public Value sub(Value a, Value b) {
        return binary("Sub", a, b);
    }

    /** {@code a · b} element-wise with broadcasting. */
    public Value mul(Value a, Value b) {
        return binary("Mul", a, b);
    }

    /** {@code a / b} with broadcasting. */
    public Value div(Value a, Value b) {
        return binary("Div", a, b);
    }

    /** Element-wise maximum with broadcasting. */
    public Value max(Value a, Value b) {
        return binary("Max", a, b);
    }

    /** Element-wise square root. */
    public Value sqrt(Value x) {
        return unary("Sqrt", x);
    }

    /** Element-wise error function. */
    public Value erf(Value x) {
        return unary("Erf", x);
    }

    /** Element-wise logistic sigmoid. */
    public Value sigmoid(Value x) {
        return unary("Sigmoid", x);
    }

    /** Logical not of a boolean tensor. */
    public Value not(Value x) {
        return unary("Not", x);
    }

    /** Logical or of boolean tensors with broadcasting. */
    public Value or(Value a, Value b) {
        return binary("Or", a, b);
    }

    /** Matrix product with numpy broadcasting over leading dims (both ranks ≥ 2). */
    public Value matMul(Value a, Value b) {
        if (a.rank() < 2 || b.rank() < 2) {
            throw new IllegalArgumentException("MatMul needs rank >= 2 operands, got " + a + " and " + b);
        }
        return g.node("MatMul", Math.max(a.rank(), b.rank()), List.of(a, b));
    }

    /**
     * Reshape to a constant target shape; as in ONNX, 0 copies the input dimension at the same index and -1 is
     * inferred.
     */
    public Value reshape(Value x, long... shape) {
        return g.node("Reshape", shape.length, List.of(x, g.int64s(shape)));
    }

    /** Reshape to a runtime shape tensor of {@code rank} elements. */
    public Value reshape(Value x, Value shape, int rank) {
        return g.node("Reshape", rank, List.of(x, shape));
    }

    /** Permutes the axes. */
    public Value transpose(Value x, long... perm) {
        if (perm.length != x.rank()) {
            throw new IllegalArgumentException("Transpose perm " + Arrays.toString(perm) + " does not match rank "
                    + x.rank() + " of " + x.name());
        }
        return g.node("Transpose", x.rank(), List.of(x), Attr.ints("perm", perm));
    }

    /** Concatenation along {@code axis} (inputs of equal rank). */
    public Value concat(long axis, Value... xs) {
        int rank = xs[0].rank();
        for (Value x : xs) {
            if (x.rank() != rank) {
                throw new IllegalArgumentException("Concat inputs differ in rank: " + Arrays.toString(xs));
            }
        }
        return g.node("Concat", rank, List.of(xs), Attr.i("axis", axis));
    }

    /** Gathers entries of {@code x} along {@code axis} at int64 {@code indices}. */
    public Value gather(Value x, Value indices, long axis) {
        return g.node("Gather", x.rank() - 1 + indices.rank(), List.of(x, indices), Attr.i("axis", axis));
    }

    /** {@code cond ? a : b} element-wise with broadcasting. */
    public Value where(Value cond, Value a, Value b) {
        int rank = Math.max(cond.rank(), Math.max(a.rank(), b.rank()));
        return g.node("Where", rank, List.of(cond, a, b));
    }

    /** Element type conversion. */
    public Value cast(Value x, DataType to) {
        return g.node("Cast", x.rank(), List.of(x), Attr.i("to", to.getNumber()));
    }

    /** Softmax along one axis. */
    public Value softmax(Value x, long axis) {
        return g.node("Softmax", x.rank(), List.of(x), Attr.i("axis", axis));
    }

    /** Mean over {@code axes} (opset 17: axes is an attribute). */
    public Value reduceMean(Value x, boolean keepDims, long... axes) {
        return reduce("ReduceMean", x, keepDims, axes);
    }

    /** Maximum over {@code axes}. */
    public Value reduceMax(Value x, boolean keepDims, long... axes) {
        return reduce("ReduceMax", x, keepDims, axes);
    }

    /** Euclidean norm over {@code axes}. */
    public Value reduceL2(Value x, boolean keepDims, long... axes) {
        return reduce("ReduceL2", x, keepDims, axes);
    }

    /** Inserts size-1 axes at the given output positions. */
    public Value unsqueeze(Value x, long... axes) {
        return g.node("Unsqueeze", x.rank() + axes.length, List.of(x, g.int64s(axes)));
    }

    /** {@code x[starts:ends]} along {@code axes}, bounds as int64 tensors (runtime or constant). */
    public Value slice(Value x, Value starts, Value ends, Value axes) {
        return g.node("Slice", x.rank(), List.of(x, starts, ends, axes));
    }

    /** The dimensions {@code [start, end)} of {@code x}'s shape as a 1-D int64 tensor. */
    public Value shape(Value x, long start, long end) {
        return g.node("Shape", 1, List.of(x), Attr.i("start", start), Attr.i("end", end));
    }

    /**
     * 1-D convolution of {@code x (N, in, L)} with {@code w (out, in, k)}, stride 1, symmetric zero padding, no bias.
     */
    public Value conv1d(Value x, Value w, long kernel, long padding) {
        return g.node("Conv", 3, List.of(x, w), Attr.ints("kernel_shape", kernel), Attr.ints("pads", padding, padding),
                Attr.ints("strides", 1), Attr.ints("dilations", 1), Attr.i("group", 1));
    }

    private Value reduce(String op, Value x, boolean keepDims, long... axes) {
        int rank = keepDims ? x.rank() : x.rank() - axes.length;
        return g.node(op, rank, List.of(x), Attr.ints("axes", axes), Attr.i("keepdims", keepDims ? 1 : 0));
    }

    private Value unary(String op, Value x) {
        return g.node(op, x.rank(), List.of(x));
    }

    private Value binary(String op, Value a, Value b) {
        return g.node(op, Math.max(a.rank(), b.rank()), List.of(a, b));
    }
}
