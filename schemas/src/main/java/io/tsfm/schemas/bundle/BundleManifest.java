package io.tsfm.schemas.bundle;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The manifest of a model bundle ({@code manifest.json}): tier and widths, the preprocessing the model expects, its
 * label vocabulary, ONNX opset, provenance, validation metrics and every other file with size and SHA-256.
 * The JSON form is defined by {@code io/tsfm/schemas/bundle-manifest.schema.json} (snake_case names) and read and
 * written by {@link BundleManifestJson}, which validates against that schema.
 *
 * <p>The bundle id (carried by {@code Prediction.modelBundleSha256}) is the SHA-256 of the manifest file's bytes,
 * see {@link BundleManifestJson#bundleId(byte[])}.
 *
 * <p>Immutable (collections are copied, order kept); thread-safe.
 */
public record BundleManifest(
        int formatVersion,
        Tier tier,
        Dimensions dimensions,
        Preprocessing preprocessing,
        Labels labels,
        int onnxOpset,
        Map<String, String> provenance,
        Map<String, Double> validationMetrics,
        List<BundleFile> files) {

    /** The manifest format version this code reads and writes. */
    public static final int FORMAT_VERSION = 1;

    /** Copies the collections so the manifest cannot change after construction. */
    public BundleManifest {
        provenance = copy(provenance);
        validationMetrics = copy(validationMetrics);
        files = files == null ? null : Collections.unmodifiableList(new ArrayList<>(files));
    }

    /** The first file with this role, e.g. {@code model}. */
    public Optional<BundleFile> file(String role) {
        return files.stream().filter(f -> f.role().equals(role)).findFirst();
    }

    /** Model tier (spec 3.10), or one of the port's CPU tiers, {@code micro} and {@code mini}. */
    public enum Tier {
        @JsonProperty("micro") MICRO,
        @JsonProperty("mini") MINI,
        @JsonProperty("tiny") TINY,
        @JsonProperty("small") SMALL,
        @JsonProperty("small_deep") SMALL_DEEP,
        @JsonProperty("medium") MEDIUM,
        @JsonProperty("large") LARGE
    }

    /** Model widths: D, D_f, E, attention heads and encoder layers. */
    public record Dimensions(int dModel, int fusionDim, int embeddingDim, int numHeads, int numLayers) {
    }

    /** Patch tokenization: patch length, 64 resampled steps, patch cap, normalisation and interpolation. */
    public record Preprocessing(double patchSeconds, int stepsPerPatch, int maxPatches, Normalization normalization,
                                String interpolation) {
    }

    /** Per-patch, per-channel normalisation: method name and the lower bound of the std. */
    public record Normalization(String method, double epsilon) {
    }

    /** Candidate labels and their synonym groups (group name to member labels). */
    public record Labels(int vocabularyVersion, List<String> labels, Map<String, List<String>> groups) {
        /** Copies the collections, keeping their order. */
        public Labels {
            labels = labels == null ? null : List.copyOf(labels);
            if (groups != null) {
                Map<String, List<String>> g = new LinkedHashMap<>();
                groups.forEach((k, v) -> g.put(k, v == null ? null : List.copyOf(v)));
                groups = Collections.unmodifiableMap(g);
            }
        }
    }

    /** One file of the bundle: relative path, role, size and SHA-256 (lowercase hex). */
    public record BundleFile(String path, String role, long sizeBytes, String sha256) {
    }

    private static <V> Map<String, V> copy(Map<String, V> m) {
        return m == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
