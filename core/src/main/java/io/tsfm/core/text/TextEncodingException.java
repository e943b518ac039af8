package io.tsfm.core.text;

import io.tsfm.core.annotation.PublicApi;

/** The text model failed to run (ONNX Runtime error); names the texts involved. */
@PublicApi
public class TextEncodingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TextEncodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
