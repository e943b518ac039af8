package io.tsfm.benchmark.baseline.neural;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tsfm.benchmark.baseline.BaselineCheckpoint;
import io.tsfm.benchmark.baseline.BaselineStore;
import io.tsfm.benchmark.metrics.MetricKind;
import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.FineTuneSplit;
import io.tsfm.benchmark.run.BenchmarkException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * Where the neural baselines' checkpoints live, under the same root as {@link BaselineStore}'s:
 * {@code <root>/<baseline>/pretrain/} (the self-supervised encoder), {@code <root>/<baseline>/zeroshot/} (encoder and
 * the head over the training labels) and {@code <root>/<baseline>/<dataset>/<sup1|sup10>/} (fine-tuned encoder and
 * head), each holding {@code model.params} (DJL parameters of the blocks, in order) and {@code checkpoint.json}
 * ({@link BaselineCheckpoint}: for a training-data checkpoint {@code dataset} names the training sets and
 * {@code labelled_sha256} hashes their window keys and labels). Before use a checkpoint is verified against the
 * windows, labels, input layout and model file it claims, like the random forest's; a missing or stale one is refused
 * with the command that trains it. Thread-safe for distinct directories.
 */
public final class NeuralStore {
    /** The model file of every checkpoint. */
    public static final String MODEL = "model.params";
    static final String CHECKPOINT = "checkpoint.json";
    /** The {@code metric} of a pretrained-encoder checkpoint. */
    public static final String PRETRAIN = "pretrain";
    /** The {@code metric} of a zero-shot checkpoint. */
    public static final String ZERO_SHOT = "zeroshot";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;

    public NeuralStore(Path root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /** The store's directory. */
    public Path root() {
        return root;
    }

    /** The directory of a checkpoint trained on the training sets: {@link #PRETRAIN} or {@link #ZERO_SHOT}. */
    public Path trainingDir(String baseline, String part) {
        if (!PRETRAIN.equals(part) && !ZERO_SHOT.equals(part)) throw new IllegalArgumentException("unknown part " + part);
        return root.resolve(baseline).resolve(part);
    }

    /** The directory of a fine-tuned checkpoint (the random forest's layout). */
    public Path supervisedDir(String baseline, String dataset, MetricKind metric) {
        return new BaselineStore(root).dir(baseline, dataset, metric);
    }

    /**
     * Saves the blocks' parameters (in order) and a checkpoint describing what they were trained on, in
     * {@code dir}.
     */
    public BaselineCheckpoint save(Path dir, BaselineCheckpoint what, Block... blocks) throws IOException {
        Files.createDirectories(dir);
        Path model = dir.resolve(MODEL);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(model)))) {
            for (Block b : blocks) b.saveParameters(out);
        }
        BaselineCheckpoint cp = new BaselineCheckpoint(what.baseline(), what.dataset(), what.metric(), what.labelRate(),
                what.splitSeed(), what.windows(), what.labels(), what.labelledWindows(), what.labelledSha256(),
                BaselineInput.LAYOUT, what.params(), library(), MODEL,
                BaselineStore.sha256(Files.readAllBytes(model)), what.trainSeconds(),
                OffsetDateTime.now(ZoneOffset.UTC).toString());
        JSON.writeValue(dir.resolve(CHECKPOINT).toFile(), cp);
        return cp;
    }

    /** What a checkpoint of the training sets records (the file fields are filled by {@link #save}). */
    public static BaselineCheckpoint describe(String baseline, String part, TrainingCorpus corpus, String params,
                                              double seconds) {
        return new BaselineCheckpoint(baseline, corpus.name(), part, 1.0, 0, corpus.windows().size(), corpus.labels(),
                corpus.windows().size(), corpus.sha256(), BaselineInput.LAYOUT, params, library(), MODEL, "", seconds,
                "");
    }

    /** What a fine-tuned checkpoint records. */
    public static BaselineCheckpoint describe(String baseline, BenchmarkDataset dataset, FineTuneSplit split,
                                              MetricKind metric, FineTuneData data, String params, double seconds) {
        return new BaselineCheckpoint(baseline, dataset.name(), metric.id(), metric.labelRate(), split.seed(),
                dataset.windows().size(), dataset.labels(), data.labelled().size(),
                BaselineStore.keysSha256(data.labelled()), BaselineInput.LAYOUT, params, library(), MODEL, "", seconds,
                "");
    }

    /** Loads a verified checkpoint's parameters into initialised blocks of the same shapes, in order. */
    public void load(Path dir, BaselineCheckpoint cp, NDManager manager, Block... blocks) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                Files.newInputStream(dir.resolve(cp.modelFile()))))) {
            for (Block b : blocks) b.loadParameters(manager, in);
        } catch (MalformedModelException e) {
            throw new IOException(dir.resolve(cp.modelFile()) + ": parameters do not fit the model (" + e.getMessage()
                    + ")", e);
        }
    }

    /**
     * Reads and checks a checkpoint trained on the training sets against the corpus read now.
     *
     * @throws BenchmarkException naming the directory and what differs, with the command that trains it
     */
    public BaselineCheckpoint verifyTraining(String baseline, String part, TrainingCorpus corpus) {
        Path dir = trainingDir(baseline, part);
        String retrain = "; train it with: ./tsfm baseline train " + baseline + " --out " + root;
        BaselineCheckpoint cp = read(dir, baseline, part + " model of " + corpus.name(), retrain);
        String why = null;
        if (!baseline.equals(cp.baseline()) || !part.equals(cp.metric())) {
            why = "it is the checkpoint of " + cp.baseline() + "/" + cp.metric();
        } else if (!corpus.name().equals(cp.dataset())) {
            why = "it was trained on " + cp.dataset() + ", not " + corpus.name();
        } else if (!corpus.labels().equals(cp.labels())) {
            why = "it was trained on labels " + cp.labels() + ", the training sets now have " + corpus.labels();
        } else if (cp.windows() != corpus.windows().size() || !corpus.sha256().equals(cp.labelledSha256())) {
            why = "it was trained on other windows (" + cp.windows() + ") than the training sets give now ("
                    + corpus.windows().size() + ")";
        }
        return finish(dir, cp, why, baseline, retrain);
    }

    /**
     * Reads and checks a fine-tuned checkpoint against the labelled windows the split selects now.
     *
     * @throws BenchmarkException naming the directory and what differs, with the command that trains it
     */
    public BaselineCheckpoint verifySupervised(String baseline, BenchmarkDataset dataset, FineTuneSplit split,
                                               MetricKind metric) {
        Path dir = supervisedDir(baseline, dataset.name(), metric);
        String retrain = "; train it with: ./tsfm baseline train " + baseline + " --datasets " + dataset.name()
                + " --out " + root;
        BaselineCheckpoint cp = read(dir, baseline, dataset.name() + " " + metric.id(), retrain);
        String why = null;
        if (!baseline.equals(cp.baseline()) || !dataset.name().equals(cp.dataset()) || !metric.id().equals(cp.metric())) {
            why = "it is the checkpoint of " + cp.baseline() + "/" + cp.dataset() + "/" + cp.metric();
        } else if (cp.windows() != dataset.windows().size()) {
            why = "it was trained when the dataset had " + cp.windows() + " windows, now " + dataset.windows().size();
        } else if (!dataset.labels().equals(cp.labels())) {
            why = "it was trained on labels " + cp.labels() + ", the dataset now has " + dataset.labels();
        } else if (cp.splitSeed() != split.seed() || !BaselineStore.keysSha256(
                dataset.select(split.labelled(metric.labelRate()))).equals(cp.labelledSha256())) {
            why = "it was trained on other labelled windows than the split now selects";
        }
        return finish(dir, cp, why, baseline, retrain);
    }

    private BaselineCheckpoint read(Path dir, String baseline, String what, String retrain) {
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

    private BaselineCheckpoint finish(Path dir, BaselineCheckpoint cp, String why, String baseline, String retrain) {
        if (why == null && !BaselineInput.LAYOUT.equals(cp.features())) {
            why = "it reads another input layout " + cp.features() + " than now " + BaselineInput.LAYOUT;
        }
        if (why == null) {
            try {
                String sha = BaselineStore.sha256(Files.readAllBytes(dir.resolve(cp.modelFile())));
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

    private static String library() {
        String v = ai.djl.engine.Engine.class.getPackage().getImplementationVersion();
        return "DJL " + (v == null ? "" : v + " ") + "(PyTorch engine)";
    }
}
