package io.tsfm.benchmark.baseline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tsfm.benchmark.metrics.MetricKind;
import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.BenchmarkWindow;
import io.tsfm.benchmark.protocol.FineTuneSplit;
import io.tsfm.benchmark.run.BenchmarkException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Where trained baselines live: {@code <root>/<baseline>/<dataset>/<sup1|sup10>/} holding {@code model.tribuo} and
 * {@code checkpoint.json} ({@link BaselineCheckpoint}). {@code ./tsfm baseline train} writes them, the benchmark
 * reads them after checking they were trained on exactly the labelled windows the protocol selects now. Thread-safe
 * for distinct directories.
 */
public final class BaselineStore {
    /** Name of the random-forest baseline. */
    public static final String RANDOM_FOREST = "rf";
    static final String CHECKPOINT = "checkpoint.json";
    static final String MODEL = "model.tribuo";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;

    public BaselineStore(Path root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /** The store's directory. */
    public Path root() {
        return root;
    }

    /** The directory of one trained baseline. */
    public Path dir(String baseline, String dataset, MetricKind metric) {
        if (metric.zeroShot()) throw new IllegalArgumentException(metric.id() + " is not a supervised metric");
        return root.resolve(baseline).resolve(dataset).resolve(metric.id());
    }

    /**
     * Trains the random forest on the {@code metric} subsample of {@code dataset} and saves it.
     *
     * @return the checkpoint written
     */
    public BaselineCheckpoint trainRandomForest(BenchmarkDataset dataset, MetricKind metric, RandomForest.Params params)
            throws IOException {
        FineTuneSplit split = FineTuneSplit.of(dataset.labelIndices());
        List<BenchmarkWindow> labelled = dataset.select(split.labelled(metric.labelRate()));
        long t0 = System.nanoTime();
        RandomForest forest = RandomForest.train(labelled, params);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Path dir = dir(RANDOM_FOREST, dataset.name(), metric);
        Files.createDirectories(dir);
        Path model = dir.resolve(MODEL);
        forest.save(model);
        BaselineCheckpoint cp = new BaselineCheckpoint(RANDOM_FOREST, dataset.name(), metric.id(), metric.labelRate(),
                split.seed(), dataset.windows().size(), dataset.labels(), labelled.size(), keysSha256(labelled),
                forest.featureNames(), "trees=" + params.trees() + ", seed=" + params.seed()
                + ", max_depth=unbounded, features_per_split=sqrt(d)/d, voting=majority",
                "Tribuo " + org.tribuo.Tribuo.VERSION, MODEL, sha256(Files.readAllBytes(model)), seconds,
                OffsetDateTime.now(ZoneOffset.UTC).toString());
        JSON.writeValue(dir.resolve(CHECKPOINT).toFile(), cp);
        return cp;
    }

    /**
     * Reads the checkpoint of a trained baseline and checks it against the windows and split of {@code dataset}.
     *
     * @throws BenchmarkException naming the directory and what differs (or that nothing is there), with the command
     *                            that trains it
     */
    public BaselineCheckpoint verify(String baseline, BenchmarkDataset dataset, FineTuneSplit split, MetricKind metric) {
        Path dir = dir(baseline, dataset.name(), metric);
        Path file = dir.resolve(CHECKPOINT);
        String retrain = "; train it with: ./tsfm baseline train " + baseline + " --datasets " + dataset.name()
                + " --out " + root;
        if (!Files.isRegularFile(file)) {
            throw new BenchmarkException("no trained " + baseline + " baseline for " + dataset.name() + " " + metric.id()
                    + " in " + dir + retrain);
        }
        BaselineCheckpoint cp;
        try {
            cp = JSON.readValue(file.toFile(), BaselineCheckpoint.class);
        } catch (IOException e) {
            throw new BenchmarkException(file + ": not a baseline checkpoint (" + e.getMessage() + ")" + retrain, e);
        }
        List<BenchmarkWindow> labelled = dataset.select(split.labelled(metric.labelRate()));
        String why = null;
        if (!baseline.equals(cp.baseline()) || !dataset.name().equals(cp.dataset()) || !metric.id().equals(cp.metric())) {
            why = "it is the checkpoint of " + cp.baseline() + "/" + cp.dataset() + "/" + cp.metric();
        } else if (cp.windows() != dataset.windows().size()) {
            why = "it was trained when the dataset had " + cp.windows() + " windows, now " + dataset.windows().size();
        } else if (!dataset.labels().equals(cp.labels())) {
            why = "it was trained on labels " + cp.labels() + ", the dataset now has " + dataset.labels();
        } else if (cp.splitSeed() != split.seed() || !keysSha256(labelled).equals(cp.labelledSha256())) {
            why = "it was trained on other labelled windows than the split now selects";
        } else if (!WindowFeatures.names(dataset.windows().get(0).channels()).equals(cp.features())) {
            why = "its features differ from the ones computed now (channels or feature code changed)";
        } else {
            try {
                String sha = sha256(Files.readAllBytes(dir.resolve(cp.modelFile())));
                if (!sha.equals(cp.modelSha256())) why = "its model file " + cp.modelFile() + " was modified";
            } catch (IOException e) {
                why = "its model file " + cp.modelFile() + " cannot be read (" + e.getMessage() + ")";
            }
        }
        if (why != null) throw new BenchmarkException(file + ": stale " + baseline + " checkpoint: " + why + retrain);
        return cp;
    }

    /** Loads the random forest of a verified checkpoint. */
    public RandomForest loadRandomForest(BenchmarkDataset dataset, MetricKind metric, BaselineCheckpoint cp)
            throws IOException {
        return RandomForest.load(dir(RANDOM_FOREST, dataset.name(), metric).resolve(cp.modelFile()), cp.features());
    }

    /** SHA-256 of the windows' keys, one a line, in order: what a checkpoint records of its training windows. */
    public static String keysSha256(List<BenchmarkWindow> windows) {
        StringBuilder sb = new StringBuilder();
        for (BenchmarkWindow w : windows) sb.append(w.key()).append('\n');
        return sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 of {@code bytes}, lower-case hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
