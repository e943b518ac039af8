package io.tsfm.export.onnx.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An ONNX graph under construction (default domain, opset {@value #OPSET}): graph inputs and outputs, initializers
 * (weights are stored as little-endian raw data), de-duplicated constants and nodes. Value names are generated unique;
 * an optional {@link #scoped(String, Supplier) scope} prefixes node and value names so the exported graph reads like the block
 * tree. {@link #toModel()} produces the {@link ModelProto}.
 *
 * <p>Not thread-safe: one graph is built by one thread.
 */
public final class OnnxGraph {

    /** ONNX operator set of every node. */
    public static final int OPSET = 17;
    /** IR version matching opset 17. */
    public static final long IR_VERSION = 8;

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();
    private final Map<String, Value> constants = new HashMap<>();
    private final List<String> scopes = new ArrayList<>();
    private int counter;
    private long initializerFloats;

    /** An empty graph called {@code name}. */
    public OnnxGraph(String name) {
        graph.setName(name);
    }

    /**
     * Runs {@code body} with {@code name} pushed as a name scope (nested scopes join with '/'), so the nodes it adds
     * are named after the block that made them.
     */
    public <T> T scoped(String name, Supplier<T> body) {
        scopes.add(name);
        try {
            return body.get();
        } finally {
            scopes.remove(scopes.size() - 1);
        }
    }

    /** Declares a graph input. */
    public Value input(String name, DataType type, Dim... dims) {
        claim(name);
        graph.addInput(valueInfo(name, type, dims));
        return new Value(name, dims.length);
    }

    /**
     * Declares {@code value} as a graph output called {@code name} (through an Identity node, so any value can be
     * exposed under a stable name).
     */
    public void output(Value value, String name, DataType type, Dim... dims) {
        if (value.rank() != dims.length) {
            throw new IllegalArgumentException("output '" + name + "' declared with " + dims.length
                    + " dims but the value '" + value.name() + "' has rank " + value.rank());
        }
        claim(name);
        graph.addNode(NodeProto.newBuilder().setOpType("Identity").setName(name + "_identity")
                .addInput(value.name()).addOutput(name));
        graph.addOutput(valueInfo(name, type, dims));
    }

    /** A float32 initializer of the given shape (row-major data). */
    public Value initializer(String name, float[] data, long... shape) {
        checkSize(name, data.length, shape);
        ByteBuffer buf = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(data);
        addInitializer(name, DataType.FLOAT, ByteString.copyFrom(buf.array()), shape);
        initializerFloats += data.length;
        return new Value(name, shape.length);
    }

    /** An int64 initializer of the given shape (row-major data). */
    public Value initializerInt64(String name, long[] data, long... shape) {
        checkSize(name, data.length, shape);
        ByteBuffer buf = ByteBuffer.allocate(8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asLongBuffer().put(data);
        addInitializer(name, DataType.INT64, ByteString.copyFrom(buf.array()), shape);
        return new Value(name, shape.length);
    }

    /** A float32 scalar constant, shared by every use of the same value. */
    public Value scalar(float v) {
        String key = "f:" + Integer.toHexString(Float.floatToRawIntBits(v));
        Value c = constants.get(key);
        if (c == null) {
            c = initializer("const/f" + constants.size(), new float[] {v});
            constants.put(key, c);
        }
        return c;
    }

    /** A 1-D int64 constant (shapes, axes, indices), shared by every use of the same content. */
    public Value int64s(long... v) {
        String key = "i:" + Arrays.toString(v);
        Value c = constants.get(key);
        if (c == null) {
            c = initializerInt64("const/i" + constants.size(), v.clone(), v.length);
            constants.put(key, c);
        }
        return c;
    }

    /**
     * Adds a node with one output.
     *
     * @param op         ONNX operator type of the default domain
     * @param outputRank rank of the output
     * @param inputs     input values in operator order (null for an omitted optional input)
     * @param attributes node attributes
     */
    public Value node(String op, int outputRank, List<Value> inputs, AttributeProto... attributes) {
        return nodeMulti(op, new int[] {outputRank}, inputs, attributes)[0];
    }

    /** Adds a node with several outputs of the given ranks. */
    public Value[] nodeMulti(String op, int[] outputRanks, List<Value> inputs, AttributeProto... attributes) {
        String nodeName = uniqueName(op);
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(nodeName);
        for (Value in : inputs) {
            if (in != null && !names.contains(in.name())) {
                throw new IllegalArgumentException("node " + nodeName + " uses unknown value '" + in.name() + "'");
            }
            n.addInput(in == null ? "" : in.name());
        }
        Value[] outs = new Value[outputRanks.length];
        for (int i = 0; i < outs.length; i++) {
            String out = outs.length == 1 ? nodeName : nodeName + ":" + i;
            claim(out);
            n.addOutput(out);
            outs[i] = new Value(out, outputRanks[i]);
        }
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        graph.addNode(n);
        return outs;
    }

    /** Number of float32 weights stored as initializers so far. */
    public long initializerFloatCount() {
        return initializerFloats;
    }

    /** The finished model (IR {@value #IR_VERSION}, opset {@value #OPSET}). */
    public ModelProto toModel() {
        if (graph.getOutputCount() == 0) {
            throw new IllegalStateException("graph '" + graph.getName() + "' has no outputs");
        }
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("tsfm-export")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph.build())
                .build();
    }

    /** The serialised model, ready for {@code OrtEnvironment.createSession(byte[])} or a {@code .onnx} file. */
    public byte[] toBytes() {
        return toModel().toByteArray();
    }

    private void addInitializer(String name, DataType type, ByteString raw, long... shape) {
        claim(name);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber()).setRawData(raw);
        for (long d : shape) {
            t.addDims(d);
        }
        graph.addInitializer(t);
    }

    private String uniqueName(String base) {
        String prefix = scopes.isEmpty() ? "" : String.join("/", scopes) + "/";
        String name;
        do {
            name = prefix + base + "_" + counter++;
        } while (names.contains(name));
        return name;
    }

    private void claim(String name) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("duplicate value name '" + name + "' in graph '" + graph.getName()
                    + "'");
        }
    }

    private static void checkSize(String name, int length, long... shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("initializer '" + name + "' has negative dim in "
                        + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != length) {
            throw new IllegalArgumentException("initializer '" + name + "' has " + length + " values but shape "
                    + Arrays.toString(shape) + " needs " + n);
        }
    }

    private static ValueInfoProto valueInfo(String name, DataType type, Dim... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Dim d : dims) {
            TensorShapeProto.Dimension.Builder db = TensorShapeProto.Dimension.newBuilder();
            if (d.param() != null) {
                db.setDimParam(d.param());
            } else {
                db.setDimValue(d.size());
            }
            shape.addDim(db);
        }
        TypeProto type1 = TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type1).build();
    }
}
