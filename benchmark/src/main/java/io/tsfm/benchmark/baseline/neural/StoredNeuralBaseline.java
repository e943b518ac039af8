package io.tsfm.benchmark.baseline.neural;

import ai.djl.ndarray.NDManager;
import io.tsfm.benchmark.baseline.BaselineCheckpoint;
import io.tsfm.benchmark.metrics.LabelGroups;
import io.tsfm.benchmark.metrics.MetricKind;
import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.BenchmarkWindow;
import io.tsfm.benchmark.protocol.FineTuneSplit;
import io.tsfm.benchmark.run.BenchmarkException;
import io.tsfm.benchmark.run.SupervisedSystem;
import io.tsfm.benchmark.run.ZeroShotSystem;
import io.tsfm.core.labels.LabelVocabulary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained neural baseline as one benchmark row: its zero-shot model ({@link #zeroShot}) and its fine-tuned models
 * (this {@link SupervisedSystem}), both read from a {@link NeuralStore} after verification, under the same name so
 * the runner joins them. Fine-tuned models are loaded by {@link #check} (before the run). Owns the NDManager of the
 * fine-tuned models; not thread-safe.
 */
public final class StoredNeuralBaseline implements SupervisedSystem, AutoCloseable {
    private final NeuralBaseline kind;
    private final NeuralStore store;
    private final NDManager manager = NeuralScorer.cpuManager();
    private final Map<String, BaselineModel> loaded = new HashMap<>();

    public StoredNeuralBaseline(NeuralBaseline kind, NeuralStore store) {
        this.kind = kind;
        this.store = store;
    }

    @Override
    public String name() {
        return kind.displayName();
    }

    @Override
    public String description() {
        return kind.describe() + "; fine-tuned per test dataset on the 1 % / 10 % labelled windows (checkpoints in "
                + store.root() + ")";
    }

    /**
     * The zero-shot system of this baseline, its checkpoint verified against {@code corpus} (the training windows
     * read now). The returned system's path owns a model; the caller closes it.
     *
     * @throws BenchmarkException when the checkpoint is missing or stale (with the command that trains it)
     */
    public ZeroShotSystem zeroShot(TrainingCorpus corpus, LabelVocabulary vocabulary) {
        BaselineCheckpoint cp = store.verifyTraining(kind.id(), NeuralStore.ZERO_SHOT, corpus);
        NDManager m = NeuralScorer.cpuManager();
        try {
            BaselineModel model = BaselineModel.create(kind, cp.labels().size(), kind.zeroShotVotes(), m);
            store.load(store.trainingDir(kind.id(), NeuralStore.ZERO_SHOT), cp, m, model.encoder(), model.head());
            NeuralScorer scorer = new NeuralScorer(m, model, cp.labels(), cp.modelSha256());
            Map<String, String> provenance = new LinkedHashMap<>();
            provenance.put("training data", corpus.name() + " (" + corpus.windows().size() + " windows)");
            provenance.put("zero-shot head", cp.params());
            return new ZeroShotSystem(kind.displayName(), new ZeroShotAdapter(scorer, vocabulary, 32),
                    LabelGroups.of(cp.labels(), vocabulary), provenance);
        } catch (IOException | RuntimeException e) {
            m.close();
            if (e instanceof BenchmarkException b) throw b;
            throw new BenchmarkException("cannot load the " + kind.displayName() + " zero-shot model: " + e.getMessage(),
                    e);
        }
    }

    @Override
    public void check(BenchmarkDataset dataset, FineTuneSplit split, double rate) {
        MetricKind m = MetricKind.ofLabelRate(rate);
        BaselineCheckpoint cp = store.verifySupervised(kind.id(), dataset, split, m);
        BaselineModel model = BaselineModel.create(kind, dataset.labels().size(), 1, manager);
        try {
            store.load(store.supervisedDir(kind.id(), dataset.name(), m), cp, manager, model.encoder(), model.head());
        } catch (IOException e) {
            throw new BenchmarkException("cannot load the " + kind.displayName() + " model of " + dataset.name() + " "
                    + m.id() + ": " + e.getMessage(), e);
        }
        loaded.put(dataset.name() + "/" + m.id(), model);
    }

    @Override
    public List<String> predict(BenchmarkDataset dataset, FineTuneSplit split, double rate, List<BenchmarkWindow> test) {
        String key = dataset.name() + "/" + MetricKind.ofLabelRate(rate).id();
        if (!loaded.containsKey(key)) check(dataset, split, rate);
        int[] classes = BaselineFineTuner.predict(loaded.get(key), manager, FineTuneData.inputs(test), 64);
        List<String> out = new ArrayList<>(classes.length);
        for (int c : classes) out.add(dataset.labels().get(c));
        return out;
    }


    @Override
    public void close() {
        manager.close();
    }
}
