package io.tsfm.schemas.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsfm.schemas.bundle.BundleManifest.BundleFile;
import io.tsfm.schemas.bundle.BundleManifest.Dimensions;
import io.tsfm.schemas.bundle.BundleManifest.Labels;
import io.tsfm.schemas.bundle.BundleManifest.Normalization;
import io.tsfm.schemas.bundle.BundleManifest.Preprocessing;
import io.tsfm.schemas.bundle.BundleManifest.Tier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleManifestJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHA_A = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String SHA_B = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";

    static BundleManifest smallDeep() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("walking", List.of("walking", "nordic_walking"));
        groups.put("ascending_stairs", List.of("walking_upstairs"));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("val_group_accuracy", 0.612);
        metrics.put("val_loss", 1.83);
        return new BundleManifest(1, Tier.SMALL_DEEP,
                new Dimensions(384, 384, 384, 8, 8),
                new Preprocessing(1.0, 64, 48, new Normalization("zscore_per_patch_channel", 1e-8), "linear"),
                new Labels(1, List.of("walking", "nordic_walking", "walking_upstairs", "sitting"), groups),
                17,
                Map.of("git_commit", "aefa410", "training_datasets", "uci_har,pamap2"),
                metrics,
                List.of(new BundleFile("model.onnx", "model", 99_500_000L, SHA_A),
                        new BundleFile("tables/label_embeddings.bin", "label_embeddings", 6_144L, SHA_B)));
    }

    @Test
    void writesReadsBackAndNamesTheBundleBySha256(@TempDir Path dir) throws Exception {
        BundleManifest m = smallDeep();
        byte[] bytes = BundleManifestJson.write(m);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).contains("\"tier\" : \"small_deep\"", "\"d_model\" : 384", "\"steps_per_patch\" : 64",
                "\"size_bytes\" : 99500000", "\"onnx_opset\" : 17").endsWith("}\n");

        BundleManifest back = BundleManifestJson.read(bytes, "memory");
        assertThat(back).isEqualTo(m);
        assertThat(back.labels().groups().keySet()).containsExactly("walking", "ascending_stairs");
        assertThat(back.file("label_embeddings")).map(BundleFile::path).contains("tables/label_embeddings.bin");

        Path file = dir.resolve("manifest.json");
        String id = BundleManifestJson.write(m, file);
        assertThat(id).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)))).matches("[0-9a-f]{64}");
        assertThat(BundleManifestJson.read(file)).isEqualTo(m);
    }

    @Test
    void readsAHandWrittenManifest() throws Exception {
        String json = """
                {"format_version": 1, "tier": "tiny",
                 "dimensions": {"d_model": 192, "fusion_dim": 192, "embedding_dim": 384, "num_heads": 4, "num_layers": 4},
                 "preprocessing": {"patch_seconds": 1.0, "steps_per_patch": 64.0, "max_patches": 48,
                                   "normalization": {"method": "zscore_per_patch_channel", "epsilon": 1e-8},
                                   "interpolation": "linear"},
                 "labels": {"vocabulary_version": 1, "labels": ["running"], "groups": {}},
                 "onnx_opset": 17, "provenance": {}, "validation_metrics": {},
                 "files": [{"path": "model.onnx", "role": "model", "size_bytes": 0, "sha256": "%s"}]}
                """.formatted(SHA_A);
        BundleManifest m = BundleManifestJson.read(json.getBytes(StandardCharsets.UTF_8), "inline");
        assertThat(m.tier()).isEqualTo(Tier.TINY);
        assertThat(m.dimensions().embeddingDim()).isEqualTo(384);
        assertThat(m.preprocessing().stepsPerPatch()).isEqualTo(64);
        assertThat(m.preprocessing().normalization().epsilon()).isEqualTo(1e-8);
    }

    @Test
    void missingAndIllTypedFieldsAreNamedByPath() throws Exception {
        assertProblems(t -> ((ObjectNode) t.get("dimensions")).remove("d_model"),
                "$.dimensions.d_model: required field is missing");
        assertProblems(t -> ((ObjectNode) t.get("dimensions")).put("d_model", "384"),
                "$.dimensions.d_model: expected integer, got string \"384\"");
        assertProblems(t -> ((ObjectNode) t.get("dimensions")).put("num_heads", 0),
                "$.dimensions.num_heads: must be >= 1, got 0");
        assertProblems(t -> t.put("tier", 3), "$.tier: must be one of");
        assertProblems(t -> ((ObjectNode) t.get("preprocessing")).put("steps_per_patch", 32),
                "$.preprocessing.steps_per_patch: must be 64, got 32");
        assertProblems(t -> ((ObjectNode) t.get("preprocessing").get("normalization")).put("method", "minmax"),
                "$.preprocessing.normalization.method: must be one of [\"zscore_per_patch_channel\"]");
        assertProblems(t -> ((ObjectNode) t.get("files").get(1)).put("sha256", SHA_B.toUpperCase()),
                "$.files[1].sha256: must match ^[0-9a-f]{64}$");
        assertProblems(t -> ((ObjectNode) t.get("files").get(0)).put("path", "../escape.onnx"),
                "$.files[0].path: must match");
        assertProblems(t -> ((ObjectNode) t.get("files").get(1)).put("size_bytes", 1.5),
                "$.files[1].size_bytes: expected integer, got number 1.5");
        assertProblems(t -> ((ObjectNode) t.get("dimensions")).put("d_modle", 1),
                "$.dimensions.d_modle: unknown field (allowed: d_model, embedding_dim, fusion_dim, num_heads, num_layers)");
        assertProblems(t -> ((ObjectNode) t.get("validation_metrics")).put("val_loss", "low"),
                "$.validation_metrics.val_loss: expected number, got string \"low\"");
        assertProblems(t -> t.remove("files"), "$.files: required field is missing");
        assertProblems(t -> t.putArray("files"), "$.files: must have at least 1 items, got 0");
    }

    @Test
    void crossFieldRulesAndSeveralProblemsAtOnce() throws Exception {
        assertProblems(t -> ((ArrayNode) t.get("labels").get("groups").get("walking")).add("jogging"),
                "$.labels.groups['walking'][2]: 'jogging' is not one of $.labels.labels");
        assertProblems(t -> ((ArrayNode) t.get("labels").get("groups").get("ascending_stairs")).add("walking"),
                "$.labels.groups['ascending_stairs'][1]: 'walking' is already in group 'walking'");
        assertProblems(t -> ((ArrayNode) t.get("files")).add(t.get("files").get(0).deepCopy()),
                "$.files[2].path: 'model.onnx' is already listed at $.files[0]");

        ObjectNode tree = tree();
        tree.remove("tier");
        ((ObjectNode) tree.get("dimensions")).put("fusion_dim", -1);
        InvalidManifestException e = catchThrowableOfType(InvalidManifestException.class,
                () -> BundleManifestJson.read(JSON.writeValueAsBytes(tree), "bundles/x/manifest.json"));
        assertThat(e.problems()).containsExactlyInAnyOrder("$.tier: required field is missing",
                "$.dimensions.fusion_dim: must be >= 1, got -1");
        assertThat(e.getMessage()).startsWith("bundle manifest bundles/x/manifest.json is invalid:");
    }

    @Test
    void malformedJsonGivesLineAndColumn() {
        byte[] broken = "{\n  \"format_version\": 1,\n  \"tier\": small_deep\n}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> BundleManifestJson.read(broken, "m.json"))
                .isInstanceOf(InvalidManifestException.class).hasMessageContaining("line 3, column");
        byte[] duplicate = "{\"tier\": \"tiny\", \"tier\": \"large\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> BundleManifestJson.read(duplicate, "m.json"))
                .isInstanceOf(InvalidManifestException.class).hasMessageContaining("Duplicate field 'tier'");
        assertThatThrownBy(() -> BundleManifestJson.read(new byte[0], "empty.json"))
                .isInstanceOf(InvalidManifestException.class).hasMessageContaining("empty document");
    }

    @Test
    void refusesToWriteAnInvalidManifest() {
        BundleManifest m = smallDeep();
        BundleManifest bad = new BundleManifest(m.formatVersion(), m.tier(), m.dimensions(),
                new Preprocessing(0.0, 32, 48, m.preprocessing().normalization(), "linear"), m.labels(),
                m.onnxOpset(), m.provenance(), m.validationMetrics(), m.files());
        assertThatThrownBy(() -> BundleManifestJson.write(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.preprocessing.patch_seconds: must be > 0")
                .hasMessageContaining("$.preprocessing.steps_per_patch: must be 64, got 32");
        BundleManifest noTier = new BundleManifest(1, null, m.dimensions(), m.preprocessing(), m.labels(),
                m.onnxOpset(), m.provenance(), m.validationMetrics(), m.files());
        assertThatThrownBy(() -> BundleManifestJson.write(noTier)).hasMessageContaining("$.tier: must be one of");
    }

    private static ObjectNode tree() throws Exception {
        return (ObjectNode) JSON.readTree(BundleManifestJson.write(smallDeep()));
    }

    private static void assertProblems(Consumer<ObjectNode> damage, String expected) throws Exception {
        ObjectNode tree = tree();
        damage.accept(tree);
        InvalidManifestException e = catchThrowableOfType(InvalidManifestException.class,
                () -> BundleManifestJson.read(JSON.writeValueAsBytes(tree), "test"));
        assertThat(e).as("expected a problem starting '%s'", expected).isNotNull();
        assertThat(e.problems()).as(e.getMessage()).anySatisfy(p -> assertThat(p).startsWith(expected));
    }
}
