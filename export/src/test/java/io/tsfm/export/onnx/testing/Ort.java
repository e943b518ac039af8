package io.tsfm.export.onnx.testing;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.tsfm.core.ort.OrtSupport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs serialised ONNX models in the real ONNX Runtime for tests. Every tensor, session and result is closed before a
 * call returns (through core's {@link OrtSupport}); inputs are plain arrays. A session can be kept open across
 * several runs with {@link #open}.
 */
public final class Ort {

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
            return new Session(OrtSupport.ENV.createSession(model, new OrtSession.SessionOptions()));
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
            Map<String, OrtSupport.Input> feed = new LinkedHashMap<>();
            inputs.forEach((name, in) -> feed.put(name, new OrtSupport.Input(in.data(), in.shape())));
            try {
                OrtSupport.Output out = OrtSupport.runChecked(session, "the model", feed,
                        session.getOutputNames().iterator().next());
                return new Output(out.data(), out.shape());
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime run failed: " + e.getMessage(), e);
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
}
