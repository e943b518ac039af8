package io.tsfm.training.run;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.tsfm.core.data.Session;
import io.tsfm.core.text.CachedTextEncoder;
import io.tsfm.core.text.MiniLmTextEncoder;
import io.tsfm.core.text.TextEmbeddingCache;
import io.tsfm.datasets.DataRoot;
import io.tsfm.training.data.BatchAssembler;
import io.tsfm.training.data.SubjectSplit;
import io.tsfm.training.model.TrainableTsfm;
import io.tsfm.training.model.config.TsfmConfig;
import io.tsfm.training.text.TextBank;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The validation a training run does after each epoch, for a checkpoint on its own: zero-shot closed-set accuracy on
 * the held-out subjects of its training datasets, as recorded and as rotated devices. Its figures are the ones the
 * run would have logged for those parameters, so {@link CheckpointRule} compares them with any run's (a checkpoint
 * made by {@link CheckpointAverage} has no run that validated it).
 *
 * <p>The split is recomputed from the checkpoint's own training settings and must hold out the subjects its
 * provenance names; otherwise the data under the root is not what it trained on, and it is refused.
 */
public final class CheckpointValidation {
    private CheckpointValidation() {}

    /**
     * Validates {@code checkpoint} on its training datasets under {@code root}.
     *
     * @param threads intra-op threads of the engine (0: the engine's default)
     * @return the figures under the keys a run's {@code metrics.jsonl} uses ({@code epoch}, {@code val_accuracy},
     *         {@code val_macro_f1}, {@code val_chance}, {@code val_per_dataset}, {@code val_rotated_accuracy},
     *         {@code val_rotated_macro_f1}, {@code val_rotated_per_dataset})
     * @throws IOException              when the checkpoint or a dataset cannot be read
     * @throws IllegalArgumentException naming what the checkpoint lacks or where the data differs
     */
    public static Map<String, Object> run(Path checkpoint, DataRoot root, int threads) throws IOException {
        return validate(checkpoint, root, threads, false);
    }

    /**
     * {@link #run} and, on the same held-out sessions, the nearest they come to a phone in a trouser pocket: the
     * sessions with a thigh sensor cut to that one device ({@code ThighSessions}), as recorded and as rotated devices,
     * under the keys {@code val_thigh_sessions}, {@code val_thigh_accuracy}, {@code val_thigh_rotated_accuracy},
     * {@code val_thigh_per_dataset} and {@code val_thigh_rotated_per_dataset}.
     *
     * @throws IOException              when the checkpoint or a dataset cannot be read
     * @throws IllegalArgumentException naming what the checkpoint lacks, where the data differs, or that no held-out
     *                                  session has a thigh sensor
     */
    public static Map<String, Object> runWithThigh(Path checkpoint, DataRoot root, int threads) throws IOException {
        return validate(checkpoint, root, threads, true);
    }

    private static Map<String, Object> validate(Path checkpoint, DataRoot root, int threads, boolean thigh)
            throws IOException {
        ContrastiveTrainer.configureEngine(threads);
        TsfmConfig config = Checkpoint.readConfig(checkpoint);
        CheckpointProvenance p = CheckpointProvenance.read(checkpoint);
        TrainConfig cfg = settings(checkpoint, p, config);
        SplitCorpus corpus = SplitCorpus.of(new ContrastiveTrainer(cfg, root, System.err).loadDatasets(), cfg);
        SubjectSplit split = corpus.split();
        Map<String, Set<String>> expected = new TreeMap<>();
        p.heldOutSubjects().forEach((d, s) -> expected.put(d, new TreeSet<>(s)));
        Map<String, Set<String>> actual = new TreeMap<>();
        split.heldOutSubjects().forEach((d, s) -> actual.put(d, new TreeSet<>(s)));
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException("checkpoint " + checkpoint + " held out " + expected + ", but its datasets "
                    + "under " + root + " split into " + actual + ": not the data it trained on");
        }
        BatchAssembler plain = ContrastiveTrainer.validationSet(split, corpus.descriptions(), false, cfg);
        BatchAssembler rotated = ContrastiveTrainer.validationSet(split, corpus.descriptions(), true, cfg);
        List<Session> thighSessions = thigh ? ThighSessions.of(split.validation()) : List.of();
        if (thigh && thighSessions.isEmpty()) {
            throw new IllegalArgumentException("checkpoint " + checkpoint + ": none of its held-out sessions has a "
                    + "thigh sensor (" + String.join(", ", corpus.descriptions().keySet().stream().sorted().toList())
                    + "); hugadb and utd_mhad have one");
        }
        // built only when asked: their texts join the precomputed ones
        BatchAssembler thighPlain = !thigh ? null
                : ContrastiveTrainer.validationSet(thighSessions, corpus.descriptions(), false, cfg);
        BatchAssembler thighRotated = !thigh ? null
                : ContrastiveTrainer.validationSet(thighSessions, corpus.descriptions(), true, cfg);
        Device device = Device.cpu();
        try (MiniLmTextEncoder minilm = MiniLmTextEncoder.builder().optMaxTokens(cfg.textMaxTokens()).build();
             NDManager manager = NDManager.newBaseManager(device)) {
            TextBank text = new TextBank(new CachedTextEncoder(minilm, TextEmbeddingCache.openDefault()));
            TreeSet<String> texts = new TreeSet<>();
            Stream.of(plain, rotated, thighPlain, thighRotated).filter(Objects::nonNull)
                    .forEach(set -> texts.addAll(set.allTexts()));
            text.precompute(texts);
            TrainableTsfm net = new TrainableTsfm(config);
            net.initialize(manager, DataType.FLOAT32);
            Checkpoint.loadParameters(checkpoint, net, manager);
            ZeroShotValidator.Result v = new ZeroShotValidator(net, plain, text, device, 64, cfg.frozenLabels()).run(manager);
            ZeroShotValidator.Result r = new ZeroShotValidator(net, rotated, text, device, 64, cfg.frozenLabels()).run(manager);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", p.epochsDone());
            m.put("val_accuracy", v.meanAccuracy());
            m.put("val_macro_f1", v.meanMacroF1());
            m.put("val_chance", v.meanChance());
            m.put("val_per_dataset", ContrastiveTrainer.perDatasetRows(v));
            m.put("val_rotated_accuracy", r.meanAccuracy());
            m.put("val_rotated_macro_f1", r.meanMacroF1());
            m.put("val_rotated_per_dataset", ContrastiveTrainer.perDatasetRows(r));
            if (thigh) {
                ZeroShotValidator.Result tp = new ZeroShotValidator(net, thighPlain, text, device, 64,
                        cfg.frozenLabels()).run(manager);
                ZeroShotValidator.Result tr = new ZeroShotValidator(net, thighRotated, text, device, 64,
                        cfg.frozenLabels()).run(manager);
                m.put("val_thigh_sessions", thighSessions.size());
                m.put("val_thigh_accuracy", tp.meanAccuracy());
                m.put("val_thigh_rotated_accuracy", tr.meanAccuracy());
                m.put("val_thigh_per_dataset", ContrastiveTrainer.perDatasetRows(tp));
                m.put("val_thigh_rotated_per_dataset", ContrastiveTrainer.perDatasetRows(tr));
            }
            return m;
        }
    }

    /** The settings the run validated with, from the checkpoint's provenance. */
    private static TrainConfig settings(Path checkpoint, CheckpointProvenance p, TsfmConfig config) {
        Map<String, Object> t = p.trainConfig();
        if (t == null || p.heldOutSubjects() == null || p.epochsDone() == null || p.labelEncoder() == null) {
            throw new IllegalArgumentException("checkpoint " + checkpoint + " does not say how it was trained "
                    + "(its provenance.json lacks train_config, held_out_subjects, epochs_done or label_encoder)");
        }
        if (!(t.get("datasets") instanceof List<?> names) || names.isEmpty()) {
            throw new IllegalArgumentException("checkpoint " + checkpoint + ": provenance.json train_config has no datasets");
        }
        List<String> datasets = names.stream().map(String::valueOf).toList();
        return TrainConfig.builder().setTier(config.getTier()).setOutDir(checkpoint).optDatasets(datasets)
                .optSeed(number(t, "seed", checkpoint).longValue())
                .optValidationFraction(number(t, "validationFraction", checkpoint).doubleValue())
                .optMaxSeconds(number(t, "maxSeconds", checkpoint).doubleValue())
                .optMinCropSeconds(number(t, "minCropSeconds", checkpoint).doubleValue())
                .optTextMaxTokens(number(t, "textMaxTokens", checkpoint).intValue())
                .optLabelEncoder(p.labelEncoder()).optAmplitudeStats(config.isUseAmplitudeStats()).build();
    }

    private static Number number(Map<String, Object> t, String key, Path checkpoint) {
        if (!(t.get(key) instanceof Number n)) {
            throw new IllegalArgumentException("checkpoint " + checkpoint + ": provenance.json train_config." + key
                    + " is missing or not a number");
        }
        return n;
    }
}
