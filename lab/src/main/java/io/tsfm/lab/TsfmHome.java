package io.tsfm.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The repository checkout the commands run from: the system property {@code tsfm.home} (the {@code ./tsfm} launcher
 * sets it to its own directory), else the nearest directory at or above the working directory holding the launcher
 * and the {@code streaming-job} module (so tests running in a module directory find it too). Holds the committed
 * model bundles ({@code models/}), the built job jar, and the local cluster's state ({@code .tsfm/}). Stateless.
 */
public final class TsfmHome {
    /** System property naming the repository root. */
    public static final String PROPERTY = "tsfm.home";
    /** The bundle {@code tsfm job} serves when no {@code --model} is given, relative to the root. */
    public static final String DEFAULT_BUNDLE = "models/tsfm-mini";

    private TsfmHome() {}

    /** The repository root, if one is found. */
    public static Optional<Path> find() {
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) return Optional.of(Path.of(p).toAbsolutePath().normalize());
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("tsfm")) && Files.isDirectory(d.resolve("streaming-job"))) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** The repository root; fails with a clear message outside a checkout. */
    public static Path require() {
        return find().orElseThrow(() -> new IllegalStateException("cannot find the TSFM checkout (no ./tsfm and "
                + "streaming-job/ at or above " + Path.of("").toAbsolutePath() + "); run through ./tsfm or set -D"
                + PROPERTY + "=DIR"));
    }
}
