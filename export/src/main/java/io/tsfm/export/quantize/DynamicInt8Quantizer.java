package io.tsfm.export.quantize;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dynamic int8 quantisation of an ONNX graph: every {@code MatMul} whose right operand is a 2-D float32 weight
 * initializer of at least {@code minElements} values becomes ONNX Runtime's {@code com.microsoft}
 * {@code DynamicQuantizeMatMul}: the weight stored as int8, symmetric per output channel (column n gets the scale
 * {@code max|W[:, n]| / 127}, zero point 0), the activation quantised to uint8 per call at run time, the product
 * accumulated in int32 and scaled back to float. Everything else is kept as it is (float weights no other node
 * uses are dropped). Stateless.
 */
public final class DynamicInt8Quantizer {
    /** The contrib domain of {@code DynamicQuantizeMatMul}. */
    public static final String MS_DOMAIN = "com.microsoft";

    /** What was quantised. */
    public record Result(byte[] model, int matMulsQuantized, int matMulsKept, long floatWeightsReplaced) {
    }

    private DynamicInt8Quantizer() {
    }

    /**
     * Quantises {@code onnx}.
     *
     * @param minElements smallest weight (K·N values) worth quantising; smaller ones stay float
     * @throws IllegalArgumentException when the bytes are no ONNX model
     */
    public static Result quantize(byte[] onnx, int minElements) {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(onnx);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not an ONNX model: " + e.getMessage(), e);
        }
        GraphProto graph = model.getGraph();
        Map<String, TensorProto> inits = new LinkedHashMap<>();
        for (TensorProto t : graph.getInitializerList()) inits.put(t.getName(), t);
        Map<String, Integer> uses = new HashMap<>();
        for (NodeProto n : graph.getNodeList()) {
            for (String in : n.getInputList()) uses.merge(in, 1, Integer::sum);
        }
        for (ValueInfoProto o : graph.getOutputList()) uses.merge(o.getName(), 1, Integer::sum);

        GraphProto.Builder out = graph.toBuilder().clearNode().clearInitializer();
        Map<String, String[]> quantized = new HashMap<>(); // float weight -> {int8 name, scale name}
        Map<String, TensorProto> added = new LinkedHashMap<>();
        int done = 0;
        int kept = 0;
        long replaced = 0;
        for (NodeProto n : graph.getNodeList()) {
            TensorProto w = n.getOpType().equals("MatMul") && n.getDomain().isEmpty() && n.getInputCount() == 2
                    ? inits.get(n.getInput(1)) : null;
            if (w == null || w.getDataType() != DataType.FLOAT.getNumber() || w.getDimsCount() != 2
                    || w.getDims(0) * w.getDims(1) < minElements) {
                if (n.getOpType().equals("MatMul")) kept++;
                out.addNode(n);
                continue;
            }
            String[] q = quantized.get(w.getName());
            if (q == null) {
                q = new String[] {w.getName() + "/int8", w.getName() + "/int8_scale"};
                perChannel(w, q[0], q[1], added);
                quantized.put(w.getName(), q);
                replaced += w.getDims(0) * w.getDims(1);
            }
            uses.merge(w.getName(), -1, Integer::sum);
            out.addNode(NodeProto.newBuilder().setName(n.getName().isEmpty() ? n.getOutput(0) + "/int8" : n.getName() + "/int8")
                    .setOpType("DynamicQuantizeMatMul").setDomain(MS_DOMAIN)
                    .addInput(n.getInput(0)).addInput(q[0]).addInput(q[1])
                    .addAllOutput(n.getOutputList()).build());
            done++;
        }
        for (TensorProto t : inits.values()) {
            if (uses.getOrDefault(t.getName(), 0) > 0) out.addInitializer(t);
        }
        added.values().forEach(out::addInitializer);
        ModelProto.Builder m = model.toBuilder().setGraph(out);
        if (done > 0 && model.getOpsetImportList().stream().noneMatch(o -> o.getDomain().equals(MS_DOMAIN))) {
            m.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(MS_DOMAIN).setVersion(1));
        }
        return new Result(m.build().toByteArray(), done, kept, replaced);
    }

    /** Adds the int8 weight [K, N] and its per-column scales [N]. */
    private static void perChannel(TensorProto w, String qName, String scaleName, Map<String, TensorProto> into) {
        int k = (int) w.getDims(0);
        int n = (int) w.getDims(1);
        float[] v = floats(w, k * n);
        float[] scale = new float[n];
        for (int c = 0; c < n; c++) {
            float max = 0;
            for (int r = 0; r < k; r++) max = Math.max(max, Math.abs(v[r * n + c]));
            scale[c] = max > 0 ? max / 127f : 1f;
        }
        byte[] q = new byte[k * n];
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < n; c++) {
                int x = Math.round(v[r * n + c] / scale[c]);
                q[r * n + c] = (byte) Math.max(-127, Math.min(127, x));
            }
        }
        into.put(qName, TensorProto.newBuilder().setName(qName).setDataType(DataType.INT8.getNumber())
                .addDims(k).addDims(n).setRawData(ByteString.copyFrom(q)).build());
        ByteBuffer s = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : scale) s.putFloat(f);
        into.put(scaleName, TensorProto.newBuilder().setName(scaleName).setDataType(DataType.FLOAT.getNumber())
                .addDims(n).setRawData(ByteString.copyFrom(s.array())).build());
    }

    private static float[] floats(TensorProto t, int count) {
        float[] v = new float[count];
        if (!t.getRawData().isEmpty()) {
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < count; i++) v[i] = b.getFloat();
        } else {
            for (int i = 0; i < count; i++) v[i] = t.getFloatData(i);
        }
        return v;
    }
}
