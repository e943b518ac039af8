package io.tsfm.benchmark.run;

/** A benchmark that cannot run as asked: the message names the dataset, label, model or file at fault. */
public class BenchmarkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BenchmarkException(String message) {
        super(message);
    }

    public BenchmarkException(String message, Throwable cause) {
        super(message, cause);
    }
}
