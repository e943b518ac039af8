package io.tsfm.core.runtime;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The few ONNX Runtime calls the runtime makes: tensors from plain arrays, and one run returning one float output,
 * closing every tensor and result before returning. Stateless and thread-safe.
 */
final class OrtSupport {

    static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    static {
        OrtTempDir.removeOnExit();
    }

    private OrtSupport() {}

    /** An input array and its shape: {@code float[]} or {@code boolean[]}. */
    record Input(Object data, long... shape) {}

    /** A float output and its shape. */
    record Output(float[] data, long[] shape) {}

    /**
     * Runs {@code session} on {@code inputs} and returns the output called {@code output}.
     *
     * @throws IllegalStateException when ONNX Runtime fails (an engine or model fault, not bad input: inputs are
     *                               validated before they get here)
     */
    static Output run(OrtSession session, String what, Map<String, Input> inputs, String output) {
        List<OnnxTensor> tensors = new ArrayList<>(inputs.size());
        try {
            Map<String, OnnxTensor> feed = new LinkedHashMap<>();
            for (Map.Entry<String, Input> e : inputs.entrySet()) {
                OnnxTensor t = tensor(e.getValue());
                tensors.add(t);
                feed.put(e.getKey(), t);
            }
            try (OrtSession.Result r = session.run(feed, Set.of(output))) {
                OnnxValue v = r.get(output).orElseThrow(() -> new IllegalStateException(what + " returned no '"
                        + output + "'"));
                OnnxTensor t = (OnnxTensor) v;
                FloatBuffer fb = t.getFloatBuffer();
                float[] data = new float[fb.remaining()];
                fb.get(data);
                return new Output(data, t.getInfo().getShape());
            }
        } catch (OrtException e) {
            throw new IllegalStateException(what + " failed in ONNX Runtime: " + e.getMessage(), e);
        } finally {
            tensors.forEach(OnnxTensor::close);
        }
    }

    private static OnnxTensor tensor(Input in) throws OrtException {
        if (in.data() instanceof float[] f) {
            return OnnxTensor.createTensor(ENV, FloatBuffer.wrap(f), in.shape());
        }
        if (in.data() instanceof boolean[] b) {
            ByteBuffer buf = ByteBuffer.allocateDirect(b.length).order(ByteOrder.nativeOrder());
            for (boolean v : b) {
                buf.put((byte) (v ? 1 : 0));
            }
            buf.rewind();
            return OnnxTensor.createTensor(ENV, buf, in.shape(), OnnxJavaType.BOOL);
        }
        throw new IllegalArgumentException("unsupported input " + in.data().getClass() + " " + Arrays.toString(in.shape()));
    }
}
