package io.tsfm.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/**
 * Where datasets are read from: {@code --root} if given, else the system property {@code tsfm.data.root},
 * else the environment variable {@code TSFM_DATA_ROOT}, else {@code ../shared/datasets}.
 * Under the root, dataset {@code NAME} is {@code NAME.zip} (as published) or a folder {@code NAME/}.
 */
public final class DataRoot {
    /** Environment variable naming the data root. */
    public static final String ENV = "TSFM_DATA_ROOT";
    /** System property naming the data root (wins over the environment). */
    public static final String PROPERTY = "tsfm.data.root";

    private final Path root;

    private DataRoot(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The root given explicitly. */
    public static DataRoot of(Path root) {
        return new DataRoot(root);
    }

    /** The configured root (property, environment, then the default). */
    public static DataRoot resolve() {
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isBlank()) p = System.getenv(ENV);
        if (p == null || p.isBlank()) p = "../shared/datasets";
        return new DataRoot(Paths.get(p));
    }

    public Path path() {
        return root;
    }

    /** The archive or folder holding dataset {@code name}, if present; a folder wins over a zip. */
    public Optional<Path> locate(String name) {
        Path dir = root.resolve(name);
        if (Files.isDirectory(dir)) return Optional.of(dir);
        Path zip = root.resolve(name + ".zip");
        if (Files.isRegularFile(zip)) return Optional.of(zip);
        return Optional.empty();
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
