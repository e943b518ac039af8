package io.tsfm.core.labels;

import io.tsfm.core.annotation.PublicApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Activity labels and their synonym groups. A label belongs to exactly one group; zero-shot open-set
 * scoring compares groups, so "jogging" predicted for "running" counts as right.
 *
 * <p>The default vocabulary is the data file {@code io/tsfm/core/labels/vocabulary.json}. Immutable and
 * thread-safe.
 */
@PublicApi
public final class LabelVocabulary {
    private static final String RESOURCE = "/io/tsfm/core/labels/vocabulary.json";
    private static volatile LabelVocabulary defaultInstance;

    private final Map<String, String> labelToGroup;
    private final Map<String, List<String>> groups;
    private final List<String> referenceTrainingLabels;
    private final String hash;
    private final int version;

    private LabelVocabulary(Map<String, List<String>> groups, List<String> referenceTrainingLabels, String hash,
                            int version) {
        Map<String, String> l2g = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : groups.entrySet()) {
            for (String label : e.getValue()) {
                String prev = l2g.put(label, e.getKey());
                if (prev != null) {
                    throw new IllegalArgumentException("label '" + label + "' is in two groups: " + prev + " and " + e.getKey());
                }
            }
        }
        this.labelToGroup = Collections.unmodifiableMap(l2g);
        this.groups = Collections.unmodifiableMap(groups);
        this.referenceTrainingLabels = List.copyOf(referenceTrainingLabels);
        this.hash = hash;
        this.version = version;
    }

    /** The vocabulary shipped with TSFM. */
    public static LabelVocabulary defaults() {
        LabelVocabulary v = defaultInstance;
        if (v == null) {
            try (InputStream in = LabelVocabulary.class.getResourceAsStream(RESOURCE)) {
                if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
                v = parse(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            defaultInstance = v;
        }
        return v;
    }

    /** Parses a vocabulary file: {@code {"groups": {group: [label, ...]}, "reference_training_labels": [...]}}. */
    public static LabelVocabulary parse(byte[] json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        JsonNode g = root.get("groups");
        if (g == null || !g.isObject()) throw new IOException("vocabulary: missing object 'groups'");
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = g.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> labels = new ArrayList<>();
            for (JsonNode l : e.getValue()) labels.add(l.asText());
            groups.put(e.getKey(), List.copyOf(labels));
        }
        List<String> ref = new ArrayList<>();
        JsonNode r = root.get("reference_training_labels");
        if (r != null) for (JsonNode l : r) ref.add(l.asText());
        JsonNode v = root.get("version");
        return new LabelVocabulary(groups, ref, sha256(json), v != null && v.canConvertToInt() ? v.asInt() : 1);
    }

    /**
     * This vocabulary with a dataset's own synonym groups added: a group named like one of this vocabulary's extends
     * it, any other name makes a new group. A label may only join the group it already has here, so the labels a
     * model was trained on keep their groups.
     *
     * @param declared group → labels (normalised), e.g. from a generic dataset's {@code synonym_groups}
     * @throws IllegalArgumentException naming the label, if it is in two declared groups or already in another group
     */
    public LabelVocabulary extend(Map<String, List<String>> declared) {
        if (declared.isEmpty()) return this;
        Map<String, List<String>> merged = new LinkedHashMap<>();
        groups.forEach((g, ls) -> merged.put(g, new ArrayList<>(ls)));
        Map<String, String> claimed = new TreeMap<>();
        StringBuilder canonical = new StringBuilder(hash);
        for (Map.Entry<String, List<String>> e : declared.entrySet()) {
            String group = e.getKey();
            canonical.append('|').append(group).append('=');
            for (String label : e.getValue()) {
                canonical.append(label).append(',');
                String prev = claimed.put(label, group);
                if (prev != null && !prev.equals(group)) {
                    throw new IllegalArgumentException("label '" + label + "' is in two groups: '" + prev + "' and '"
                            + group + "'");
                }
                String builtIn = labelToGroup.get(label);
                if (builtIn != null && !builtIn.equals(group)) {
                    throw new IllegalArgumentException("label '" + label + "' is already in the built-in group '"
                            + builtIn + "', so it cannot join '" + group + "' (a label belongs to one group)");
                }
                List<String> members = merged.computeIfAbsent(group, k -> new ArrayList<>());
                if (!members.contains(label)) members.add(label);
            }
        }
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        merged.forEach((g, ls) -> frozen.put(g, List.copyOf(ls)));
        // the hash identifies the extended grouping, so a report can tell it from the built-in one
        return new LabelVocabulary(frozen, referenceTrainingLabels,
                sha256(canonical.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)), version);
    }

    /** Lower-case snake_case form used for every raw label ("Walking Upstairs" → "walking_upstairs"). */
    public static String normalize(String raw) {
        String s = raw.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return s.replaceAll("^_+|_+$", "");
    }

    public boolean contains(String label) {
        return labelToGroup.containsKey(label);
    }

    /** The group of a label, if the label is known. */
    public Optional<String> findGroup(String label) {
        return Optional.ofNullable(labelToGroup.get(label));
    }

    /** The group of a label, or an error naming the label. */
    public String groupOf(String label) {
        String g = labelToGroup.get(label);
        if (g == null) {
            throw new IllegalArgumentException("label '" + label + "' is not in the vocabulary ("
                    + labelToGroup.size() + " labels); add it to a synonym group in " + RESOURCE);
        }
        return g;
    }

    /** Group name → its labels, in file order. */
    public Map<String, List<String>> groups() {
        return groups;
    }

    /** Every known label, sorted. */
    public Collection<String> labels() {
        return labelToGroup.keySet();
    }

    /** The 87 global training labels of the reference model (for comparisons with its numbers). */
    public List<String> referenceTrainingLabels() {
        return referenceTrainingLabels;
    }

    /** The file's {@code version} (1 when absent), recorded in model bundles. */
    public int version() {
        return version;
    }

    /** SHA-256 of the vocabulary file, recorded in checkpoints and bundles. */
    public String hash() {
        return hash;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "LabelVocabulary[" + labelToGroup.size() + " labels, " + groups.size() + " groups, sha256 "
                + hash.substring(0, 12) + "]";
    }
}
