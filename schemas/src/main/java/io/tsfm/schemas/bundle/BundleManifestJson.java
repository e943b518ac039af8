package io.tsfm.schemas.bundle;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tsfm.schemas.json.JsonSchemaSubset;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads, validates and writes {@link BundleManifest} as JSON. Validation is the manifest JSON Schema
 * ({@code io/tsfm/schemas/bundle-manifest.schema.json}) plus the cross-field rules a schema cannot state (file paths
 * unique, group members are known labels, a label in one group only). Reading rejects anything invalid with an
 * {@link InvalidManifestException} listing every problem by JSONPath; writing refuses to produce an invalid file.
 *
 * <p>Stateless and thread-safe.
 */
public final class BundleManifestJson {

    /** Classpath location of the manifest JSON Schema. */
    public static final String SCHEMA_RESOURCE = "/io/tsfm/schemas/bundle-manifest.schema.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private static final JsonSchemaSubset SCHEMA = loadSchema();

    private BundleManifestJson() {
    }

    /** Reads and validates a manifest file. */
    public static BundleManifest read(Path file) throws IOException {
        return read(Files.readAllBytes(file), file.toString());
    }

    /**
     * Reads and validates manifest bytes.
     *
     * @param source names the bytes in error messages (e.g. the file or bundle they came from)
     * @throws InvalidManifestException malformed JSON (line and column) or schema/cross-field violations (JSONPath)
     */
    public static BundleManifest read(byte[] json, String source) throws InvalidManifestException {
        JsonNode tree;
        try (JsonParser parser = MAPPER.createParser(json)) {
            tree = MAPPER.readTree(parser);
            if (tree == null || tree.isMissingNode()) {
                throw new InvalidManifestException(source, List.of("empty document"));
            }
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentLocation();
                throw new InvalidManifestException(source, List.of("line " + at.getLineNr() + ", column "
                        + at.getColumnNr() + ": content after the manifest object"));
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            throw new InvalidManifestException(source, List.of(where + e.getOriginalMessage()));
        } catch (InvalidManifestException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading from a byte array
        }
        List<String> problems = validate(tree);
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(source, problems);
        }
        try {
            return MAPPER.treeToValue(tree, BundleManifest.class);
        } catch (JsonProcessingException e) {
            throw new InvalidManifestException(source, List.of("$: " + e.getOriginalMessage()));
        }
    }

    /**
     * Every problem of a manifest tree: schema violations, then cross-field ones; empty when valid.
     * Each entry is {@code "<JSONPath>: <what is wrong>"}.
     */
    public static List<String> validate(JsonNode manifest) {
        List<String> problems = new ArrayList<>(SCHEMA.validate(manifest));
        if (problems.isEmpty()) {
            crossFieldRules(manifest, problems);
        }
        return problems;
    }

    /**
     * The manifest as UTF-8 JSON (indented, trailing newline).
     *
     * @throws IllegalArgumentException listing the problems when the manifest is invalid
     */
    public static byte[] write(BundleManifest manifest) {
        JsonNode tree = MAPPER.valueToTree(manifest);
        List<String> problems = validate(tree);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("refusing to write an invalid bundle manifest:\n  "
                    + String.join("\n  ", problems));
        }
        try {
            byte[] body = MAPPER.writeValueAsBytes(tree);
            byte[] out = new byte[body.length + 1];
            System.arraycopy(body, 0, out, 0, body.length);
            out[body.length] = '\n';
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a validated manifest tree", e);
        }
    }

    /** Writes the manifest to a file (see {@link #write(BundleManifest)}) and returns its bundle id. */
    public static String write(BundleManifest manifest, Path file) throws IOException {
        byte[] bytes = write(manifest);
        Files.write(file, bytes);
        return bundleId(bytes);
    }

    /** The bundle id: SHA-256 of the manifest file's exact bytes, 64 lowercase hex digits. */
    public static String bundleId(byte[] manifestBytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(manifestBytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void crossFieldRules(JsonNode m, List<String> problems) {
        Map<String, Integer> firstPath = new HashMap<>();
        JsonNode files = m.get("files");
        for (int i = 0; i < files.size(); i++) {
            String path = files.get(i).get("path").textValue();
            Integer before = firstPath.putIfAbsent(path, i);
            if (before != null) {
                problems.add("$.files[" + i + "].path: '" + path + "' is already listed at $.files[" + before + "]");
            }
        }
        JsonNode labels = m.get("labels");
        Set<String> known = new HashSet<>();
        labels.get("labels").forEach(l -> known.add(l.textValue()));
        Map<String, String> groupOf = new HashMap<>();
        labels.get("groups").properties().forEach(g -> {
            JsonNode members = g.getValue();
            for (int i = 0; i < members.size(); i++) {
                String label = members.get(i).textValue();
                String at = "$.labels.groups['" + g.getKey() + "'][" + i + "]";
                if (!known.contains(label)) {
                    problems.add(at + ": '" + label + "' is not one of $.labels.labels");
                }
                String other = groupOf.putIfAbsent(label, g.getKey());
                if (other != null && !other.equals(g.getKey())) {
                    problems.add(at + ": '" + label + "' is already in group '" + other + "'");
                }
            }
        });
    }

    private static JsonSchemaSubset loadSchema() {
        try (InputStream in = BundleManifestJson.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + SCHEMA_RESOURCE);
            }
            return JsonSchemaSubset.of(new ObjectMapper().readTree(new String(in.readAllBytes(),
                    StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCHEMA_RESOURCE, e);
        }
    }
}
