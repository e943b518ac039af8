package io.tsfm.export.perf;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.tsfm.export.onnx.graph.Dim;
import io.tsfm.export.onnx.graph.OnnxGraph;
import io.tsfm.export.onnx.graph.Ops;
import io.tsfm.export.onnx.graph.Value;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;

/**
 * The machine's practical limit for this workload: multiply-accumulates per second of one large float32 matrix
 * product ({@code n×n · n×n}) in ONNX Runtime with a given intra-op thread count, the best of several runs. The
 * model's achieved MAC rate is reported as a fraction of it. Stateless.
 */
public final class MatMulRoofline {

    private MatMulRoofline() {}

    /** Best MAC/s over {@code runs} timed runs of an {@code n}-sized product with {@code threads} threads. */
    public static double macsPerSecond(int n, int threads, int runs) throws OrtException {
        OnnxGraph g = new OnnxGraph("roofline");
        Value a = g.input("a", DataType.FLOAT, Dim.of(n), Dim.of(n));
        Random rng = new Random(1);
        float[] bData = new float[n * n];
        for (int i = 0; i < bData.length; i++) bData[i] = (float) rng.nextGaussian();
        Value b = g.initializer("b", bData, n, n);
        g.output(new Ops(g).matMul(a, b), "c", DataType.FLOAT, Dim.of(n), Dim.of(n));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[] aData = new float[n * n];
        for (int i = 0; i < aData.length; i++) aData[i] = (float) rng.nextGaussian();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(threads);
            opts.setInterOpNumThreads(1);
            try (OrtSession s = env.createSession(g.toBytes(), opts);
                 OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(aData), new long[] {n, n})) {
                double best = Double.MAX_VALUE;
                for (int r = 0; r < runs + 2; r++) {
                    long t0 = System.nanoTime();
                    try (OrtSession.Result ignored = s.run(Map.of("a", t))) {
                        double sec = (System.nanoTime() - t0) / 1e9;
                        if (r >= 2) best = Math.min(best, sec);   // two warm-up runs
                    }
                }
                return (double) n * n * n / best;
            }
        }
    }
}
