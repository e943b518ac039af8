package io.tsfm.export.bundle;

import io.tsfm.core.runtime.BundleLayout;
import io.tsfm.schemas.bundle.BundleManifest;
import io.tsfm.schemas.bundle.BundleManifestJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the files of a model bundle into a directory, recording each file's size and SHA-256, then the manifest
 * that lists them (layout: {@link BundleLayout}). The manifest is validated against its schema before it is written.
 * Not thread-safe (one bundle, one thread).
 */
public final class BundleWriter {

    private final Path directory;
    private final List<BundleManifest.BundleFile> files = new ArrayList<>();

    /** A writer into {@code directory}, which is created if absent. */
    public BundleWriter(Path directory) throws IOException {
        this.directory = directory;
        Files.createDirectories(directory);
    }

    /** Writes one file and records it under {@code role}. */
    public BundleWriter addFile(String path, String role, byte[] bytes) throws IOException {
        if (path.equals(BundleLayout.MANIFEST)) {
            throw new IllegalArgumentException(BundleLayout.MANIFEST + " is written by writeManifest");
        }
        Files.write(directory.resolve(path), bytes);
        files.add(new BundleManifest.BundleFile(path, role, bytes.length, sha256(bytes)));
        return this;
    }

    /** The files written so far. */
    public List<BundleManifest.BundleFile> files() {
        return List.copyOf(files);
    }

    /**
     * Writes {@code manifest.json}: {@code template} with its file list replaced by the files written so far.
     * Rewriting it (e.g. to add facts learned after the files were written) replaces the previous manifest.
     *
     * @return the bundle id (SHA-256 of the manifest bytes)
     * @throws IllegalArgumentException listing the problems when the manifest would be invalid
     */
    public String writeManifest(BundleManifest template) throws IOException {
        BundleManifest m = new BundleManifest(template.formatVersion(), template.tier(), template.dimensions(),
                template.preprocessing(), template.labels(), template.onnxOpset(), template.provenance(),
                template.validationMetrics(), files);
        return BundleManifestJson.write(m, directory.resolve(BundleLayout.MANIFEST));
    }

    /** Deletes a bundle directory (a finished, refused or half-written one) with everything in it, if it exists. */
    public static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) return;
        try (Stream<Path> s = Files.walk(directory)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** Lowercase hex SHA-256. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
