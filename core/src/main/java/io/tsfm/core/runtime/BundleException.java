package io.tsfm.core.runtime;

import io.tsfm.core.annotation.PublicApi;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A model bundle that cannot be used: missing, partial, tampered or inconsistent. The message names the bundle and
 * the file at fault.
 */
@PublicApi
public final class BundleException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path bundle;

    /** A problem with {@code bundle}; {@code problem} names the file and what is wrong with it. */
    public BundleException(Path bundle, String problem) {
        super("model bundle " + bundle + ": " + problem);
        this.bundle = bundle;
    }

    /** A problem with {@code bundle} caused by {@code cause}. */
    public BundleException(Path bundle, String problem, Throwable cause) {
        super("model bundle " + bundle + ": " + problem, cause);
        this.bundle = bundle;
    }

    /** The bundle directory. */
    public Path bundle() {
        return bundle;
    }
}
