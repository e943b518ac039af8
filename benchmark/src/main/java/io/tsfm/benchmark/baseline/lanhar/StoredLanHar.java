package io.tsfm.benchmark.baseline.lanhar;

import io.tsfm.benchmark.baseline.BaselineCheckpoint;
import io.tsfm.benchmark.baseline.neural.FineTuneData;
import io.tsfm.benchmark.baseline.neural.NeuralStore;
import io.tsfm.benchmark.baseline.neural.TrainingCorpus;
import io.tsfm.benchmark.metrics.LabelGroups;
import io.tsfm.benchmark.metrics.MetricKind;
import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.BenchmarkWindow;
import io.tsfm.benchmark.run.BenchmarkException;
import io.tsfm.benchmark.run.SupervisedSystem;
import io.tsfm.benchmark.run.ZeroShotSystem;
import io.tsfm.benchmark.protocol.FineTuneSplit;
import io.tsfm.core.labels.LabelVocabulary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The LanHAR baseline as one benchmark row: its zero-shot system ({@link LanHarPath} over the verified pretrain
 * checkpoint) and its supervised system (the 1 % / 10 % fine-tunes, each verified against the split and against the
 * pretrained model it started from). Both share the name, so the runner prints one row. Not thread-safe.
 */
public final class StoredLanHar implements SupervisedSystem {
    /** The row name. */
    public static final String ROW = "LanHAR (MiniLM + adapter, CPU-sized)";

    private final NeuralStore store;
    private final TextTokens text;
    private final LabelVocabulary vocabulary;
    private final BaselineCheckpoint pretrain;
    private final LanHarConfig config;
    private final Map<String, LanHarModel> loaded = new HashMap<>();
    private final Map<String, float[][]> prototypes = new HashMap<>();

    private StoredLanHar(NeuralStore store, TextTokens text, LabelVocabulary vocabulary, BaselineCheckpoint pretrain) {
        this.store = store;
        this.text = text;
        this.vocabulary = vocabulary;
        this.pretrain = pretrain;
        this.config = LanHarConfig.cpuDefaults();
    }

    /**
     * Verifies the pretrain checkpoint against the training corpus read now.
     *
     * @throws BenchmarkException when it is missing or stale (with the command that trains it)
     */
    public static StoredLanHar open(NeuralStore store, TrainingCorpus corpus, TextTokens text,
                                    LabelVocabulary vocabulary) {
        BaselineCheckpoint cp = store.verifyTraining(LanHarTraining.NAME, NeuralStore.PRETRAIN, corpus);
        return new StoredLanHar(store, text, vocabulary, cp);
    }

    /** The zero-shot half of the row: open-set over the training labels, closed-set over any test labels. */
    public ZeroShotSystem zeroShot() throws IOException {
        LanHarModel model = LanHarModel.create(config, text, vocabulary);
        try {
            store.load(store.trainingDir(LanHarTraining.NAME, NeuralStore.PRETRAIN), pretrain, model.manager(),
                    model.net());
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("trained on", pretrain.dataset());
        provenance.put("settings", pretrain.params());
        return new ZeroShotSystem(ROW, new LanHarPath(model, pretrain.modelSha256().substring(0, 12)),
                LabelGroups.of(pretrain.labels(), vocabulary), provenance);
    }

    @Override
    public String name() {
        return ROW;
    }

    @Override
    public String description() {
        return "whole sensor transformer fine-tuned on the 1 % / 10 % labelled windows, cosine to frozen text "
                + "prototypes / 0.07, lr 1e-5 (checkpoints in " + store.root() + ")";
    }

    @Override
    public void check(BenchmarkDataset dataset, FineTuneSplit split, double rate) {
        MetricKind m = MetricKind.ofLabelRate(rate);
        BaselineCheckpoint cp = store.verifySupervised(LanHarTraining.NAME, dataset, split, m);
        if (!cp.params().contains(pretrain.modelSha256())) {
            throw new BenchmarkException(store.supervisedDir(LanHarTraining.NAME, dataset.name(), m)
                    + ": stale lanhar checkpoint: it was fine-tuned from another pretrained model than "
                    + pretrain.modelSha256().substring(0, 12) + store.retrainHint(LanHarTraining.NAME, dataset.name()));
        }
        String key = dataset.name() + "/" + m.id();
        if (loaded.containsKey(key)) return;
        LanHarModel model = LanHarModel.create(config, text, vocabulary);
        try {
            store.load(store.supervisedDir(LanHarTraining.NAME, dataset.name(), m), cp, model.manager(), model.net());
        } catch (IOException | RuntimeException e) {
            model.close();
            throw new BenchmarkException("cannot load the lanhar fine-tune of " + key + ": " + e.getMessage(), e);
        }
        loaded.put(key, model);
    }

    @Override
    public List<String> predict(BenchmarkDataset dataset, FineTuneSplit split, double rate, List<BenchmarkWindow> test) {
        String key = dataset.name() + "/" + MetricKind.ofLabelRate(rate).id();
        if (!loaded.containsKey(key)) check(dataset, split, rate);
        LanHarModel model = loaded.get(key);
        // prototypes come from the text adapter, which fine-tuning leaves untouched: the frozen ones of training
        float[][] protos = prototypes.computeIfAbsent(key, k -> model.prototypes(dataset.labels()));
        float[][][] x = LanHarTraining.prepare(FineTuneData.inputs(test));
        List<float[][]> inputs = new ArrayList<>(List.of(x));
        int[] best = LanHarModel.argmaxCosine(model.embedWindows(inputs), protos);
        List<String> out = new ArrayList<>(best.length);
        for (int b : best) out.add(dataset.labels().get(b));
        return out;
    }

    /** Releases the loaded fine-tunes. */
    public void close() {
        loaded.values().forEach(LanHarModel::close);
        loaded.clear();
    }
}
