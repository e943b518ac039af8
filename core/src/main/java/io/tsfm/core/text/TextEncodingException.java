package io.tsfm.core.text;

/** The text model failed to run (ONNX Runtime error); names the texts involved. */
public class TextEncodingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TextEncodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
