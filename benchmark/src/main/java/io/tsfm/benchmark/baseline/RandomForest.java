package io.tsfm.benchmark.baseline;

import io.tsfm.benchmark.protocol.BenchmarkWindow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The classical supervised baseline: a random forest (Tribuo, Apache-2.0) over {@link WindowFeatures}: bagged CART
 * trees grown to purity, each split choosing among a random {@code sqrt(d)/d} share of the features, majority vote
 * of the trees. Deterministic for a seed. Saved in Tribuo's protobuf model format. Prediction is thread-safe;
 * training is a static call.
 */
public final class RandomForest {
    private static final LabelFactory LABELS = new LabelFactory();
    // Tribuo logs every tree it builds at INFO through java.util.logging; keep the reference so the level sticks
    private static final java.util.logging.Logger TRIBUO_LOG = quiet("org.tribuo");

    private final Model<Label> model;
    private final List<String> featureNames;

    private RandomForest(Model<Label> model, List<String> featureNames) {
        this.model = model;
        this.featureNames = List.copyOf(featureNames);
    }

    /**
     * Hyper-parameters.
     *
     * @param trees number of trees
     * @param seed  seed of the bootstrap samples and feature draws
     */
    public record Params(int trees, long seed) {
        /** 100 trees, the protocol's classifier seed 3431. */
        public static final Params DEFAULT = new Params(100, 3431);

        public Params {
            if (trees < 1) throw new IllegalArgumentException("a forest needs at least one tree, got " + trees);
        }
    }

    /**
     * Trains on labelled windows (all of one dataset: same channels and rate).
     *
     * @throws IllegalArgumentException if there are no windows or they differ in channels
     */
    public static RandomForest train(List<BenchmarkWindow> windows, Params params) {
        if (windows.isEmpty()) throw new IllegalArgumentException("no labelled windows to train on");
        List<String> names = WindowFeatures.names(windows.get(0).channels());
        String[] nameArray = names.toArray(new String[0]);
        MutableDataset<Label> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("tsfm benchmark windows (" + windows.get(0).key().dataset() + ")",
                        LABELS), LABELS);
        for (BenchmarkWindow w : windows) {
            if (!w.channels().equals(windows.get(0).channels())) {
                throw new IllegalArgumentException("window " + w.key() + " has other channels than " + windows.get(0).key());
            }
            data.add(new ArrayExample<>(new Label(w.label()), nameArray,
                    WindowFeatures.compute(w.samples(), w.rateHz(), w.channels())));
        }
        float fraction = (float) (Math.sqrt(names.size()) / names.size());
        CARTClassificationTrainer tree = new CARTClassificationTrainer(Integer.MAX_VALUE, fraction, params.seed());
        RandomForestTrainer<Label> forest = new RandomForestTrainer<>(tree, new VotingCombiner(), params.trees(),
                params.seed());
        return new RandomForest(forest.train(data), names);
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(name);
        log.setLevel(java.util.logging.Level.WARNING);
        return log;
    }

    /** The best label of each window, in order. */
    public List<String> predict(List<BenchmarkWindow> windows) {
        String[] nameArray = featureNames.toArray(new String[0]);
        List<String> out = new ArrayList<>(windows.size());
        for (BenchmarkWindow w : windows) {
            List<String> names = WindowFeatures.names(w.channels());
            if (!names.equals(featureNames)) {
                throw new IllegalArgumentException("window " + w.key() + " has channels " + w.channels().stream()
                        .map(c -> c.name()).toList() + " the forest was not trained on");
            }
            Example<Label> ex = new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, nameArray,
                    WindowFeatures.compute(w.samples(), w.rateHz(), w.channels()));
            Prediction<Label> p = model.predict(ex);
            out.add(p.getOutput().getLabel());
        }
        return out;
    }

    /** The feature names the forest reads. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The labels the forest can answer. */
    public List<String> labels() {
        List<String> out = new ArrayList<>();
        for (Label l : model.getOutputIDInfo().getDomain()) out.add(l.getLabel());
        out.sort(null);
        return out;
    }

    /** Writes the model (Tribuo protobuf format). */
    public void save(Path file) throws IOException {
        model.serializeToFile(file);
    }

    /**
     * Reads a model written by {@link #save}.
     *
     * @param featureNames the feature names it was trained with, in {@link WindowFeatures} order (its checkpoint's)
     * @throws IOException naming the file when it is not a Tribuo classification model
     */
    public static RandomForest load(Path file, List<String> featureNames) throws IOException {
        Objects.requireNonNull(file, "file");
        Model<?> m;
        try {
            m = Model.deserializeFromFile(file);
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a Tribuo model (" + e.getMessage() + ")", e);
        }
        if (!m.validate(Label.class)) throw new IOException(file + ": a Tribuo model, but not a classifier");
        @SuppressWarnings("unchecked")
        Model<Label> model = (Model<Label>) m;
        return new RandomForest(model, featureNames);
    }
}
