package io.tsfm.core.testing;

import io.tsfm.core.runtime.OnnxWindowClassifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TEST ONLY: the real micro-tier model bundle committed at {@code models/tsfm-micro} in the repository (trained and
 * exported by {@code tsfm train} / {@code tsfm export}). Tests run with the module directory as working directory, so
 * the bundle is {@code ../models/tsfm-micro}; the system property {@code tsfm.test.bundle} overrides it. Shipped
 * in core's test-jar, which the streaming job's and the edge client's tests depend on.
 */
public final class MicroBundle {

    private MicroBundle() {
    }

    /** The bundle directory; fails the test with a clear message if it is missing. */
    public static Path path() {
        String override = System.getProperty("tsfm.test.bundle");
        Path p = (override != null ? Path.of(override) : Path.of("..", "models", "tsfm-micro")).toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(p.resolve("manifest.json"))) {
            throw new AssertionError("the committed micro bundle is missing at " + p + " (tests classify with the "
                    + "real model; restore models/tsfm-micro or point -Dtsfm.test.bundle at a bundle)");
        }
        return p;
    }

    private static OnnxWindowClassifier shared;

    /**
     * One classifier over the bundle for the whole test JVM (it is thread-safe; opening it loads ONNX Runtime and the
     * text encoder, which is the slow part); closed when the JVM exits. Callers must not close it.
     */
    public static synchronized OnnxWindowClassifier shared() {
        if (shared == null) {
            try {
                shared = OnnxWindowClassifier.open(path());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            OnnxWindowClassifier c = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(c::close, "close-micro-bundle"));
        }
        return shared;
    }

    /** A classifier of its own over the bundle (the caller closes it): for a child JVM, or a test that closes it. */
    public static OnnxWindowClassifier open() {
        try {
            return OnnxWindowClassifier.open(path());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
