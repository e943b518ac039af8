package io.tsfm.export.onnx.testing;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs serialised ONNX models in the real ONNX Runtime for tests. Every tensor, session and result is closed before a
 * call returns; inputs are plain arrays. A session can be kept open across several runs with {@link #open}.
 */
public final class Ort {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    private Ort() {}

    /** A float32 input. */
    public static Input floats(float[] data, long... shape) {
        return new Input(data, shape);
    }

    /** A bool input. */
    public static Input bools(boolean[] data, long... shape) {
        return new Input(data, shape);
    }

    /** An int64 input. */
    public static Input longs(long[] data, long... shape) {
        return new Input(data, shape);
    }

    /** Runs a model once and returns its first output as float32. */
    public static Output runOnce(byte[] model, Map<String, Input> inputs) {
        try (Session s = open(model)) {
            return s.run(inputs);
        }
    }

    /** Opens a session over a serialised model. */
    public static Session open(byte[] model) {
        try {
            return new Session(ENV.createSession(model, new OrtSession.SessionOptions()));
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime rejected the model: " + e.getMessage(), e);
        }
    }

    /** An input array and its shape. */
    public record Input(Object data, long[] shape) {}

    /** A float32 output and its shape. */
    public record Output(float[] data, long[] shape) {}

    /** An open session; close it (try-with-resources). */
    public static final class Session implements AutoCloseable {
        private final OrtSession session;

        private Session(OrtSession session) {
            this.session = session;
        }

        /** Runs the session and returns the first output. */
        public Output run(Map<String, Input> inputs) {
            List<OnnxTensor> tensors = new ArrayList<>();
            try {
                Map<String, OnnxTensor> feed = new LinkedHashMap<>();
                for (Map.Entry<String, Input> e : inputs.entrySet()) {
                    OnnxTensor t = tensor(e.getValue());
                    tensors.add(t);
                    feed.put(e.getKey(), t);
                }
                try (OrtSession.Result r = session.run(feed)) {
                    OnnxTensor out = (OnnxTensor) r.get(0);
                    FloatBuffer fb = out.getFloatBuffer();
                    float[] data = new float[fb.remaining()];
                    fb.get(data);
                    return new Output(data, out.getInfo().getShape());
                }
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime run failed: " + e.getMessage(), e);
            } finally {
                tensors.forEach(OnnxTensor::close);
            }
        }

        @Override
        public void close() {
            try {
                session.close();
            } catch (OrtException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static OnnxTensor tensor(Input in) throws OrtException {
        if (in.data() instanceof float[] f) {
            return OnnxTensor.createTensor(ENV, FloatBuffer.wrap(f), in.shape());
        }
        if (in.data() instanceof long[] l) {
            return OnnxTensor.createTensor(ENV, LongBuffer.wrap(l), in.shape());
        }
        if (in.data() instanceof boolean[] b) {
            ByteBuffer buf = ByteBuffer.allocateDirect(b.length).order(ByteOrder.nativeOrder());
            for (boolean v : b) {
                buf.put((byte) (v ? 1 : 0));
            }
            buf.rewind();
            return OnnxTensor.createTensor(ENV, buf, in.shape(), OnnxJavaType.BOOL);
        }
        throw new IllegalArgumentException("unsupported input type " + in.data().getClass());
    }
}
