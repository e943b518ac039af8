package io.tsfm.core.runtime;

/** Where ONNX Runtime runs the bundle's graphs. */
public enum ExecutionDevice {
    /** ONNX Runtime's CPU execution provider (the default). */
    CPU,
    /**
     * The CUDA execution provider on GPU 0. Needs an ONNX Runtime build with CUDA (the {@code onnxruntime_gpu}
     * artifact) and a visible GPU; without them the classifier logs one warning and runs on CPU.
     */
    CUDA
}
