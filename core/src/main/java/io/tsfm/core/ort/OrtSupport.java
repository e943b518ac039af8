package io.tsfm.core.ort;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.tsfm.core.annotation.Internal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The project's one place for ONNX Runtime calls: session options (optimisation, threads, CUDA with CPU fallback),
 * tensors from plain arrays, and one run returning one float output, closing every tensor and result before
 * returning. Stateless and thread-safe.
 */
@Internal
public final class OrtSupport {

    /** The process-wide ONNX Runtime environment. */
    public static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    static {
        OrtTempDir.removeOnExit();
    }

    private OrtSupport() {}

    /** An input array and its shape: {@code float[]}, {@code long[]} or {@code boolean[]}. */
    public record Input(Object data, long... shape) {}

    /** A float output and its shape. */
    public record Output(float[] data, long[] shape) {}

    /**
     * Session options with every graph optimisation, and what the device request came to.
     *
     * @param options close it once the sessions are created
     * @param device  the device actually used
     * @param warning why CUDA was requested but not enabled; {@code null} otherwise
     */
    public record Options(OrtSession.SessionOptions options, ExecutionDevice device, String warning)
            implements AutoCloseable {
        @Override
        public void close() {
            options.close();
        }
    }

    /**
     * Session options for {@code intraOpThreads} / {@code interOpThreads} (0: ONNX Runtime's choice) on
     * {@code device}; a CUDA request that ONNX Runtime cannot honour falls back to CPU with the reason in
     * {@link Options#warning()}.
     */
    public static Options options(int intraOpThreads, int interOpThreads, ExecutionDevice device)
            throws OrtException {
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        try {
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (intraOpThreads > 0) opts.setIntraOpNumThreads(intraOpThreads);
            if (interOpThreads > 0) opts.setInterOpNumThreads(interOpThreads);
        } catch (OrtException | RuntimeException e) {
            opts.close();
            throw e;
        }
        if (device != ExecutionDevice.CUDA) return new Options(opts, ExecutionDevice.CPU, null);
        try {
            opts.addCUDA(0);
            return new Options(opts, ExecutionDevice.CUDA, null);
        } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
            return new Options(opts, ExecutionDevice.CPU, "CUDA execution provider requested but not available ("
                    + e.getMessage() + "); running the model on CPU");
        }
    }

    /**
     * Runs {@code session} on {@code inputs} and returns the output called {@code output}.
     *
     * @throws IllegalStateException when ONNX Runtime fails (an engine or model fault, not bad input: inputs are
     *                               validated before they get here)
     */
    public static Output run(OrtSession session, String what, Map<String, Input> inputs, String output) {
        try {
            return runChecked(session, what, inputs, output);
        } catch (OrtException e) {
            throw new IllegalStateException(what + " failed in ONNX Runtime: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code session} on {@code inputs} and returns the output called {@code output}, leaving ONNX Runtime's
     * failures to the caller.
     *
     * @throws IllegalStateException when the session returns no {@code output}
     */
    public static Output runChecked(OrtSession session, String what, Map<String, Input> inputs, String output)
            throws OrtException {
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
        } finally {
            tensors.forEach(OnnxTensor::close);
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
        throw new IllegalArgumentException("unsupported input " + in.data().getClass() + " " + Arrays.toString(in.shape()));
    }
}
