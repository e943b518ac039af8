package io.tsfm.core.runtime;

import io.tsfm.core.annotation.PublicApi;
import io.tsfm.core.data.npy.Npy;
import io.tsfm.core.data.npy.NpyArray;
import io.tsfm.core.preprocess.Patcher;
import io.tsfm.core.preprocess.PatchingConfig;
import io.tsfm.schemas.bundle.BundleManifest;
import io.tsfm.schemas.bundle.BundleManifestJson;
import io.tsfm.schemas.bundle.InvalidManifestException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model bundle read from disk and verified (layout: {@link BundleLayout}): the manifest is valid against its JSON
 * Schema, every listed file is present with the listed size and SHA-256, the files the runtime needs are there, and
 * the label-embedding table matches the vocabulary and the embedding width. Files are hashed from the same bytes
 * that are kept and later handed to ONNX Runtime, so what is verified is what runs.
 *
 * <p>Immutable and thread-safe (byte arrays are copied on the way out).
 */
@PublicApi
public final class ModelBundle {

    private final Path directory;
    private final BundleManifest manifest;
    private final String id;
    private final Map<String, byte[]> filesByRole;
    private final float[][] labelEmbeddings;
    private final Map<String, String> groupOfLabel;

    private ModelBundle(Path directory, BundleManifest manifest, String id, Map<String, byte[]> filesByRole,
                        float[][] labelEmbeddings, Map<String, String> groupOfLabel) {
        this.directory = directory;
        this.manifest = manifest;
        this.id = id;
        this.filesByRole = filesByRole;
        this.labelEmbeddings = labelEmbeddings;
        this.groupOfLabel = groupOfLabel;
    }

    /**
     * Reads and verifies the bundle in {@code directory}.
     *
     * @throws BundleException naming the file at fault: no manifest, an invalid manifest, a listed file missing or
     *                         of the wrong size or SHA-256, a required file not listed, or inconsistent contents
     * @throws IOException     when a file cannot be read
     */
    public static ModelBundle open(Path directory) throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new BundleException(dir, "not a directory");
        }
        byte[] manifestBytes;
        try {
            manifestBytes = Files.readAllBytes(dir.resolve(BundleLayout.MANIFEST));
        } catch (NoSuchFileException e) {
            throw new BundleException(dir, BundleLayout.MANIFEST + " is missing (not a model bundle, or a partial one)");
        }
        BundleManifest manifest;
        try {
            manifest = BundleManifestJson.read(manifestBytes, dir.resolve(BundleLayout.MANIFEST).toString());
        } catch (InvalidManifestException e) {
            throw new BundleException(dir, BundleLayout.MANIFEST + " is invalid: " + String.join("; ", e.problems()),
                    e);
        }
        Map<String, byte[]> byRole = new LinkedHashMap<>();
        for (BundleManifest.BundleFile f : manifest.files()) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(dir.resolve(f.path()));
            } catch (NoSuchFileException e) {
                throw new BundleException(dir, "file " + f.path() + " (role " + f.role()
                        + ") listed in the manifest is missing (partial bundle?)");
            }
            if (bytes.length != f.sizeBytes()) {
                throw new BundleException(dir, "file " + f.path() + " has " + bytes.length + " bytes, the manifest says "
                        + f.sizeBytes() + " (truncated or replaced)");
            }
            String sha = sha256(bytes);
            if (!sha.equals(f.sha256())) {
                throw new BundleException(dir, "file " + f.path() + " has SHA-256 " + sha + ", the manifest says "
                        + f.sha256() + " (tampered or corrupted)");
            }
            byRole.putIfAbsent(f.role(), bytes);
        }
        requireProvenance(dir, manifest, BundleLayout.PROVENANCE_TEXT_MODEL);
        String maxTokens = requireProvenance(dir, manifest, BundleLayout.PROVENANCE_TEXT_MAX_TOKENS);
        try {
            Integer.parseInt(maxTokens);
        } catch (NumberFormatException e) {
            throw new BundleException(dir, "provenance." + BundleLayout.PROVENANCE_TEXT_MAX_TOKENS
                    + " is not an integer: '" + maxTokens + "'");
        }
        LabelEncoderKind encoder;
        try {
            encoder = LabelEncoderKind.parse(requireProvenance(dir, manifest, BundleLayout.PROVENANCE_LABEL_ENCODER),
                    "provenance." + BundleLayout.PROVENANCE_LABEL_ENCODER);
        } catch (IllegalArgumentException e) {
            throw new BundleException(dir, e.getMessage());
        }
        requireRole(dir, byRole, BundleLayout.ROLE_MODEL, BundleLayout.MODEL_FILE);
        requireRole(dir, byRole, BundleLayout.ROLE_CHANNEL_TEXT, BundleLayout.CHANNEL_TEXT_FILE);
        requireRole(dir, byRole, BundleLayout.ROLE_LABEL_EMBEDDINGS, BundleLayout.LABEL_EMBEDDINGS_FILE);
        if (encoder == LabelEncoderKind.LEARNABLE) {
            requireRole(dir, byRole, BundleLayout.ROLE_LABEL_BANK, BundleLayout.LABEL_BANK_FILE);
        }
        float[][] labels = readLabelEmbeddings(dir, manifest, byRole.get(BundleLayout.ROLE_LABEL_EMBEDDINGS));
        Map<String, String> groupOf = new LinkedHashMap<>();
        manifest.labels().groups().forEach((g, members) -> members.forEach(l -> groupOf.put(l, g)));
        return new ModelBundle(dir, manifest, BundleManifestJson.bundleId(manifestBytes), byRole, labels,
                Collections.unmodifiableMap(groupOf));
    }

    private static String requireProvenance(Path dir, BundleManifest m, String key) throws BundleException {
        String v = m.provenance().get(key);
        if (v == null || v.isBlank()) {
            throw new BundleException(dir, BundleLayout.MANIFEST + ": provenance." + key
                    + " is missing; the runtime needs it to embed new label and channel texts");
        }
        return v;
    }

    private static void requireRole(Path dir, Map<String, byte[]> byRole, String role, String file)
            throws BundleException {
        if (!byRole.containsKey(role)) {
            throw new BundleException(dir, BundleLayout.MANIFEST + " lists no file with role '" + role + "' ("
                    + file + ")");
        }
    }

    private static float[][] readLabelEmbeddings(Path dir, BundleManifest m, byte[] npy) throws IOException {
        String file = m.file(BundleLayout.ROLE_LABEL_EMBEDDINGS).orElseThrow().path();
        NpyArray a;
        try {
            a = Npy.read(new ByteArrayInputStream(npy), dir.resolve(file).toString());
        } catch (IOException | RuntimeException e) {
            throw new BundleException(dir, "file " + file + " is not a readable .npy array: " + e.getMessage(), e);
        }
        int rows = m.labels().labels().size();
        int dim = m.dimensions().embeddingDim();
        if (a.ndim() != 2 || a.dim(0) != rows || a.dim(1) != dim) {
            throw new BundleException(dir, "file " + file + " has shape " + java.util.Arrays.toString(a.shape())
                    + ", expected (" + rows + ", " + dim + ") for " + rows + " labels of width " + dim);
        }
        float[] flat = a.toFloatArray();
        float[][] out = new float[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = java.util.Arrays.copyOfRange(flat, r * dim, (r + 1) * dim);
            for (float v : out[r]) {
                if (!Float.isFinite(v)) {
                    throw new BundleException(dir, "file " + file + ": row " + r + " ('" + m.labels().labels().get(r)
                            + "') holds a non-finite value");
                }
            }
        }
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The bundle directory (absolute). */
    public Path directory() {
        return directory;
    }

    /** The verified manifest. */
    public BundleManifest manifest() {
        return manifest;
    }

    /** The bundle id: SHA-256 of {@code manifest.json}, which pins every other file through their hashes. */
    public String id() {
        return id;
    }

    /** A copy of the verified bytes of the first file with {@code role}, if listed. */
    public Optional<byte[]> file(String role) {
        byte[] b = filesByRole.get(role);
        return b == null ? Optional.empty() : Optional.of(b.clone());
    }

    /** The vocabulary labels, in the order of {@link #labelEmbedding(int)}. */
    public List<String> labels() {
        return manifest.labels().labels();
    }

    /** A copy of the embedding of vocabulary label {@code i}. */
    public float[] labelEmbedding(int i) {
        return labelEmbeddings[i].clone();
    }

    /** The synonym group of a vocabulary label; a label outside every group is its own group. */
    public String groupOf(String label) {
        return groupOfLabel.getOrDefault(label, label);
    }

    /** Where the model's label embeddings come from (checked when the bundle was opened). */
    public LabelEncoderKind labelEncoder() {
        return LabelEncoderKind.parse(manifest.provenance().get(BundleLayout.PROVENANCE_LABEL_ENCODER),
                "provenance." + BundleLayout.PROVENANCE_LABEL_ENCODER);
    }

    /** The text encoder's model id the model was trained with. */
    public String textModelId() {
        return manifest.provenance().get(BundleLayout.PROVENANCE_TEXT_MODEL);
    }

    /** The text encoder's truncation length the model was trained with. */
    public int textMaxTokens() {
        return Integer.parseInt(manifest.provenance().get(BundleLayout.PROVENANCE_TEXT_MAX_TOKENS));
    }

    /** Patch length in seconds serving windows are cut into. */
    public double patchSeconds() {
        return manifest.preprocessing().patchSeconds();
    }

    /** Core's patcher with the bundle's preprocessing settings (patch cap, normalisation floor), as serving patches. */
    public Patcher patcher() {
        return new Patcher(PatchingConfig.builder().optMaxPatches(manifest.preprocessing().maxPatches())
                .optStdFloor(manifest.preprocessing().normalization().epsilon()).build());
    }

    @Override
    public String toString() {
        return "ModelBundle[" + directory + ", tier " + manifest.tier() + ", id " + id.substring(0, 12) + "]";
    }
}
