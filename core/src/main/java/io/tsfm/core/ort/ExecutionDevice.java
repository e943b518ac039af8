package io.tsfm.core.ort;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.tsfm.core.annotation.PublicApi;

/**
 * Where a model runs: ONNX Runtime's execution provider for bundles, the engine's device for training. Flags and
 * files spell it {@link #wireName()}; {@code gpu}, the trainer's former spelling, is read as {@link #CUDA}.
 */
@PublicApi
public enum ExecutionDevice {
    /** ONNX Runtime's CPU execution provider (the default). */
    CPU("cpu"),
    /**
     * The CUDA execution provider on GPU 0. Needs an ONNX Runtime build with CUDA (the {@code onnxruntime_gpu}
     * artifact) and a visible GPU; without them the classifier logs one warning and runs on CPU.
     */
    CUDA("cuda");

    private final String wireName;

    ExecutionDevice(String wireName) {
        this.wireName = wireName;
    }

    /** The name in flags and files: {@code cpu} or {@code cuda}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /**
     * The device named {@code value}: {@code cpu}, {@code cuda} or its alias {@code gpu}.
     *
     * @param what names the flag or field in the error, e.g. {@code --device}
     * @throws IllegalArgumentException in one line naming {@code what}, the value and the accepted names
     */
    public static ExecutionDevice parse(String value, String what) {
        switch (value == null ? "" : value) {
            case "cpu":
                return CPU;
            case "cuda":
            case "gpu":
                return CUDA;
            default:
                throw new IllegalArgumentException(what + " must be cpu or cuda (gpu), got '" + value + "'");
        }
    }

    /** Jackson's reader: either spelling. */
    @JsonCreator
    static ExecutionDevice fromJson(String value) {
        return parse(value, "device");
    }
}
