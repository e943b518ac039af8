package io.tsfm.training.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Training-time label text augmentation (spec §1.4-4): with probability 0.8 a label is replaced by a
 * random synonym of its dataset (if it has any) wrapped in a random template; otherwise the raw
 * underscore label is used. Validation and serving always use the raw label. Immutable, thread-safe.
 */
public final class LabelTextAugmenter {
    private static final String RESOURCE = "/io/tsfm/training/label_augmentation.json";
    /** Probability of augmenting a label (the reference's value). */
    public static final double P_AUGMENT = 0.8;

    private final Map<String, Map<String, List<String>>> synonyms;
    private final Map<String, List<String>> templates;
    private final List<String> fallbackTemplates;

    private LabelTextAugmenter(Map<String, Map<String, List<String>>> synonyms, Map<String, List<String>> templates,
                               List<String> fallbackTemplates) {
        this.synonyms = synonyms;
        this.templates = templates;
        this.fallbackTemplates = fallbackTemplates;
    }

    /** The shipped tables (reference datasets plus hmp and utd_mhad). */
    public static LabelTextAugmenter defaults() {
        try (InputStream in = LabelTextAugmenter.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, Map<String, List<String>>> syn = new HashMap<>();
            Map<String, List<String>> tpl = new HashMap<>();
            root.get("datasets").fields().forEachRemaining(ds -> {
                Map<String, List<String>> m = new HashMap<>();
                ds.getValue().get("synonyms").fields().forEachRemaining(e -> m.put(e.getKey(), strings(e.getValue())));
                syn.put(ds.getKey(), Collections.unmodifiableMap(m));
                tpl.put(ds.getKey(), strings(ds.getValue().get("templates")));
            });
            return new LabelTextAugmenter(syn, tpl, strings(root.get("fallback_templates")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(JsonNode arr) {
        List<String> l = new ArrayList<>();
        for (JsonNode n : arr) l.add(n.asText());
        return List.copyOf(l);
    }

    /** A training label text for {@code label} of {@code dataset}. */
    public String augment(String dataset, String label, Random rng) {
        if (rng.nextDouble() >= P_AUGMENT) return label;
        List<String> syn = synonyms.getOrDefault(dataset, Map.of()).get(label);
        String word = syn == null || syn.isEmpty() ? label.replace('_', ' ') : syn.get(rng.nextInt(syn.size()));
        List<String> tpl = templates.getOrDefault(dataset, fallbackTemplates);
        return tpl.get(rng.nextInt(tpl.size())).replace("{}", word);
    }

    /** Every text {@link #augment} can produce for these labels (to precompute their embeddings once). */
    public Set<String> allTexts(String dataset, Iterable<String> labels) {
        Set<String> out = new TreeSet<>();
        List<String> tpl = templates.getOrDefault(dataset, fallbackTemplates);
        for (String label : labels) {
            out.add(label);
            List<String> syn = synonyms.getOrDefault(dataset, Map.of()).get(label);
            List<String> words = syn == null || syn.isEmpty() ? List.of(label.replace('_', ' ')) : syn;
            for (String w : words) for (String t : tpl) out.add(t.replace("{}", w));
        }
        return out;
    }
}
