package io.tsfm.benchmark.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsfm.benchmark.metrics.LabelGroups;
import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.core.ort.ExecutionDevice;
import io.tsfm.core.runtime.ModelBundle;
import io.tsfm.core.runtime.OnnxWindowClassifier;
import io.tsfm.core.runtime.Scoring;
import io.tsfm.core.text.MiniLmTextEncoder;
import io.tsfm.schemas.bundle.BundleManifest;
import io.tsfm.training.run.CheckpointProvenance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The zero-shot rows of a model bundle on the direct path: the model with its headline scoring (cosine of the
 * mean patch embedding, spec §6.2) and, for per-patch tiers, the per-patch majority vote (§6.4, reported
 * separately), both {@link OnnxWindowClassifier}s of the bundle sharing one text encoder. Open-set candidates are
 * the bundle's vocabulary (its training labels) with the bundle's synonym groups. Owns and closes the classifiers
 * and the encoder. Thread-safe as the classifiers are; {@link #close()} once.
 */
public final class BundleSystems implements AutoCloseable {
    private final ModelBundle bundle;
    private final MiniLmTextEncoder encoder;
    private final List<ZeroShotSystem> systems;
    private final Map<String, String> facts;

    private BundleSystems(ModelBundle bundle, MiniLmTextEncoder encoder, List<ZeroShotSystem> systems,
                          Map<String, String> facts) {
        this.bundle = bundle;
        this.encoder = encoder;
        this.systems = List.copyOf(systems);
        this.facts = facts;
    }

    /**
     * Opens a bundle (verifying every file's hash) and builds its systems.
     *
     * @param batchSize windows per classifier call
     * @param device    where ONNX Runtime runs the model
     * @throws IOException naming the bundle when it is missing, tampered with or unreadable
     */
    public static BundleSystems open(Path dir, int batchSize, ExecutionDevice device) throws IOException {
        ModelBundle bundle = ModelBundle.open(dir);
        MiniLmTextEncoder encoder = MiniLmTextEncoder.builder().optMaxTokens(bundle.textMaxTokens()).build();
        List<OnnxWindowClassifier> opened = new ArrayList<>();
        try {
            String tier = bundle.manifest().tier().name().toLowerCase(Locale.ROOT);
            String name = "TSFM " + tier;
            Map<String, String> groups = new LinkedHashMap<>();
            for (String l : bundle.labels()) groups.put(l, bundle.groupOf(l));
            LabelGroups labelGroups = LabelGroups.of(bundle.labels(), groups, LabelVocabulary.defaults());
            Map<String, String> facts = facts(bundle);
            List<ZeroShotSystem> systems = new ArrayList<>();
            OnnxWindowClassifier pooled = classifier(dir, encoder, device, batchSize, Scoring.MEAN_EMBEDDING);
            opened.add(pooled);
            facts.put("device", pooled.device().name().toLowerCase(Locale.ROOT)
                    + pooled.fallbackWarning().map(w -> " (" + w + ")").orElse(""));
            systems.add(new ZeroShotSystem(name, new DirectPath(pooled, bundle.patchSeconds(), batchSize), labelGroups,
                    facts));
            OnnxWindowClassifier vote = null;
            try {
                vote = classifier(dir, encoder, device, batchSize, Scoring.PATCH_VOTE);
            } catch (IllegalArgumentException pooledTier) {
                facts.put("majority vote", "not applicable: the tier outputs one embedding per window");
            }
            if (vote != null) {
                opened.add(vote);
                systems.add(new ZeroShotSystem(name + " (patch majority vote)",
                        new DirectPath(vote, bundle.patchSeconds(), batchSize), labelGroups, facts));
            }
            return new BundleSystems(bundle, encoder, systems, facts);
        } catch (IOException | RuntimeException e) {
            for (OnnxWindowClassifier c : opened) c.close();
            encoder.close();
            throw e;
        }
    }

    private static OnnxWindowClassifier classifier(Path dir, MiniLmTextEncoder encoder, ExecutionDevice device,
                                                   int batchSize, Scoring scoring) throws IOException {
        return OnnxWindowClassifier.builder().setBundle(dir).optTextEncoder(encoder).optDevice(device)
                .optMaxBatchSize(batchSize).optScoring(scoring).build();
    }

    private static Map<String, String> facts(ModelBundle bundle) {
        BundleManifest m = bundle.manifest();
        Map<String, String> out = new LinkedHashMap<>();
        out.put("bundle", bundle.directory().toString());
        out.put("bundle id (SHA-256 of manifest.json)", bundle.id());
        out.put("tier", m.tier().name().toLowerCase(Locale.ROOT));
        out.put("dimensions", "d_model " + m.dimensions().dModel() + ", embedding " + m.dimensions().embeddingDim()
                + ", layers " + m.dimensions().numLayers() + ", heads " + m.dimensions().numHeads());
        out.put("patch seconds", String.valueOf(bundle.patchSeconds()));
        out.put("vocabulary", bundle.labels().size() + " labels, " + new java.util.TreeSet<>(
                bundle.labels().stream().map(bundle::groupOf).toList()).size() + " synonym groups");
        out.put("label encoder", bundle.labelEncoder().wireName());
        out.put("text model", bundle.textModelId() + " (" + bundle.textMaxTokens() + " tokens)");
        m.provenance().forEach((k, v) -> out.putIfAbsent("provenance: " + k, v));
        m.validationMetrics().forEach((k, v) -> out.put("validation: " + k, String.valueOf(v)));
        return out;
    }

    /** The rows: the headline model, then its per-patch vote where the tier has one. */
    public List<ZeroShotSystem> systems() {
        return systems;
    }

    /** The model's provenance for the report. */
    public Map<String, String> facts() {
        return new LinkedHashMap<>(facts);
    }

    /** The bundle's patch length. */
    public double patchSeconds() {
        return bundle.patchSeconds();
    }

    /**
     * The datasets the model was trained on, from its provenance (empty when the bundle does not say); a test
     * dataset among them is not a zero-shot test.
     */
    public List<String> trainingDatasets() {
        String ds = bundle.manifest().provenance().get(CheckpointProvenance.DATASETS);
        List<String> out = new ArrayList<>();
        if (ds == null) return out;
        try {
            JsonNode n = new ObjectMapper().readTree(ds);
            if (n.isObject()) n.fieldNames().forEachRemaining(out::add);
            else if (n.isArray()) n.forEach(e -> out.add(e.asText()));
        } catch (IOException e) {
            for (String s : ds.split(",")) if (!s.isBlank()) out.add(s.trim());
        }
        return out;
    }

    @Override
    public void close() {
        for (ZeroShotSystem s : systems) s.path().close();
        encoder.close();
    }
}
