package io.tsfm.job.inference;

import io.tsfm.core.annotation.PublicApi;
import io.tsfm.core.runtime.BundleException;
import io.tsfm.core.runtime.ModelBundle;
import io.tsfm.core.runtime.OnnxWindowClassifier;
import io.tsfm.core.runtime.WindowClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The built-in {@link ClassifierFactory}: an {@link OnnxWindowClassifier} over the model bundle written by
 * {@code tsfm export}. What travels with the job graph is the bundle's path and id; each task opens the bundle itself
 * (so the path must exist on every task manager) and refuses a bundle whose id differs from the one the job was built
 * with, so a cluster never serves a model other than the one the job was submitted with.
 *
 * <p>Immutable; {@link #create()} may be called from any thread.
 */
@PublicApi
public final class BundleClassifierFactory implements ClassifierFactory {

    private static final long serialVersionUID = 1L;

    private final String bundle;
    private final String bundleId;
    private final int intraOpThreads;

    /**
     * Verifies the bundle now (every file against its SHA-256), so a bad {@code --model} fails when the job is built.
     *
     * @param bundle         the bundle directory
     * @param intraOpThreads ONNX Runtime threads per task; 0 = ONNX Runtime's default (one per core)
     * @throws IllegalArgumentException naming the bundle, if it is missing, partial or tampered with
     */
    public BundleClassifierFactory(Path bundle, int intraOpThreads) {
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intra-op threads must be >= 0, got " + intraOpThreads);
        }
        Path dir = bundle.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--model " + bundle + ": no such bundle directory");
        }
        try {
            this.bundleId = ModelBundle.open(dir).id();
        } catch (BundleException e) {
            throw new IllegalArgumentException("--model " + bundle + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("--model " + bundle + ": cannot read the bundle: " + e, e);
        }
        this.bundle = dir.toString();
        this.intraOpThreads = intraOpThreads;
    }

    /** The form {@code --classifier-factory} uses: ONNX Runtime's default thread count. */
    public BundleClassifierFactory(String bundle) {
        this(Path.of(bundle), 0);
    }

    /** The bundle directory (absolute). */
    public Path bundle() {
        return Path.of(bundle);
    }

    /** The bundle's id (SHA-256 of its manifest), the model id every prediction carries. */
    public String bundleId() {
        return bundleId;
    }

    @Override
    public WindowClassifier create() throws IOException {
        OnnxWindowClassifier.Builder b = OnnxWindowClassifier.builder().setBundle(Path.of(bundle));
        if (intraOpThreads > 0) {
            b.optIntraOpThreads(intraOpThreads);
        }
        // a BundleException names the file at fault on this task manager
        OnnxWindowClassifier classifier = b.build();
        if (!classifier.modelId().equals(bundleId)) {
            String found = classifier.modelId();
            classifier.close();
            throw new IllegalStateException("model bundle " + bundle + " on this task manager has id " + found
                    + ", but the job was built with " + bundleId + "; every task manager needs the same bundle");
        }
        return classifier;
    }

    @Override
    public String toString() {
        return "bundle " + bundle + " (" + bundleId.substring(0, 12) + ")";
    }
}
