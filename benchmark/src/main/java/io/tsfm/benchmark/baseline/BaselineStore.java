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
    /** The checkpoint file of every trained baseline, beside its model file. */
    public static final String CHECKPOINT = "checkpoint.json";
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
        return write(dir, new BaselineCheckpoint(RANDOM_FOREST, dataset.name(), metric.id(), metric.labelRate(),
                split.seed(), dataset.windows().size(), dataset.labels(), labelled.size(), keysSha256(labelled),
                forest.featureNames(), "trees=" + params.trees() + ", seed=" + params.seed()
                + ", max_depth=unbounded, features_per_split=sqrt(d)/d, voting=majority",
                "Tribuo " + org.tribuo.Tribuo.VERSION, MODEL, "", seconds, ""));
    }

    /**
     * Reads the checkpoint of a trained baseline and checks it against the windows and split of {@code dataset}.
     *
     * @throws BenchmarkException naming the directory and what differs (or that nothing is there), with the command
     *                            that trains it
     */
    public BaselineCheckpoint verify(String baseline, BenchmarkDataset dataset, FineTuneSplit split, MetricKind metric) {
        Path dir = dir(baseline, dataset.name(), metric);
        String retrain = retrainHint(baseline, dataset.name());
        BaselineCheckpoint cp = read(dir, baseline, "baseline for " + dataset.name() + " " + metric.id(), retrain);
        String why = supervisedMismatch(cp, baseline, dataset, split, metric);
        if (why == null && !WindowFeatures.names(dataset.windows().get(0).channels()).equals(cp.features())) {
            why = "its features differ from the ones computed now (channels or feature code changed)";
        }
        return accept(dir, cp, why, baseline, retrain);
    }

    /**
     * The command that trains a baseline, as the tail of a refusal: for one test dataset, or for the training sets
     * when {@code dataset} is null.
     */
    public String retrainHint(String baseline, String dataset) {
        return "; train it with: ./tsfm baseline train " + baseline
                + (dataset == null ? "" : " --datasets " + dataset) + " --out " + root;
    }

    /**
     * Reads {@code checkpoint.json} of {@code dir}.
     *
     * @param what    what the checkpoint is of, for the error when it is missing
     * @param retrain the tail of the error ({@link #retrainHint})
     * @throws BenchmarkException when it is missing or not a checkpoint
     */
    public static BaselineCheckpoint read(Path dir, String baseline, String what, String retrain) {
        Path file = dir.resolve(CHECKPOINT);
        if (!Files.isRegularFile(file)) {
            throw new BenchmarkException("no trained " + baseline + " " + what + " in " + dir + retrain);
        }
        try {
            return JSON.readValue(file.toFile(), BaselineCheckpoint.class);
        } catch (IOException e) {
            throw new BenchmarkException(file + ": not a baseline checkpoint (" + e.getMessage() + ")" + retrain, e);
        }
    }

    /**
     * Why a fine-tuned checkpoint does not belong to {@code baseline} trained on the labelled windows that
     * {@code split} selects of {@code dataset} now, or null when it does.
     */
    public static String supervisedMismatch(BaselineCheckpoint cp, String baseline, BenchmarkDataset dataset,
                                            FineTuneSplit split, MetricKind metric) {
        if (!baseline.equals(cp.baseline()) || !dataset.name().equals(cp.dataset()) || !metric.id().equals(cp.metric())) {
            return "it is the checkpoint of " + cp.baseline() + "/" + cp.dataset() + "/" + cp.metric();
        } else if (cp.windows() != dataset.windows().size()) {
            return "it was trained when the dataset had " + cp.windows() + " windows, now " + dataset.windows().size();
        } else if (!dataset.labels().equals(cp.labels())) {
            return "it was trained on labels " + cp.labels() + ", the dataset now has " + dataset.labels();
        } else if (cp.splitSeed() != split.seed()
                || !keysSha256(dataset.select(split.labelled(metric.labelRate()))).equals(cp.labelledSha256())) {
            return "it was trained on other labelled windows than the split now selects";
        }
        return null;
    }

    /**
     * Accepts a checkpoint of {@code dir} when {@code why} is null and its model file is the one it hashed.
     *
     * @throws BenchmarkException "stale" with the reason and {@code retrain} otherwise
     */
    public static BaselineCheckpoint accept(Path dir, BaselineCheckpoint cp, String why, String baseline,
                                            String retrain) {
        if (why == null) {
            try {
                String sha = sha256(Files.readAllBytes(dir.resolve(cp.modelFile())));
                if (!sha.equals(cp.modelSha256())) why = "its model file " + cp.modelFile() + " was modified";
            } catch (IOException e) {
                why = "its model file " + cp.modelFile() + " cannot be read (" + e.getMessage() + ")";
            }
        }
        if (why != null) {
            throw new BenchmarkException(dir.resolve(CHECKPOINT) + ": stale " + baseline + " checkpoint: " + why
                    + retrain);
        }
        return cp;
    }

    /** Writes {@code cp} as the {@code checkpoint.json} of {@code dir}, with the model file's hash and the time. */
    public static BaselineCheckpoint write(Path dir, BaselineCheckpoint cp) throws IOException {
        BaselineCheckpoint out = new BaselineCheckpoint(cp.baseline(), cp.dataset(), cp.metric(), cp.labelRate(),
                cp.splitSeed(), cp.windows(), cp.labels(), cp.labelledWindows(), cp.labelledSha256(), cp.features(),
                cp.params(), cp.library(), cp.modelFile(), sha256(Files.readAllBytes(dir.resolve(cp.modelFile()))),
                cp.trainSeconds(), OffsetDateTime.now(ZoneOffset.UTC).toString());
        JSON.writeValue(dir.resolve(CHECKPOINT).toFile(), out);
        return out;
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
