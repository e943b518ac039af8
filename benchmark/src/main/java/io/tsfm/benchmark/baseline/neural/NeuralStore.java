package io.tsfm.benchmark.baseline.neural;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
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
    /** The {@code metric} of a pretrained-encoder checkpoint. */
    public static final String PRETRAIN = "pretrain";
    /** The {@code metric} of a zero-shot checkpoint. */
    public static final String ZERO_SHOT = "zeroshot";

    private final BaselineStore files;

    public NeuralStore(Path root) {
        this.files = new BaselineStore(root);
    }

    /** The store's directory. */
    public Path root() {
        return files.root();
    }

    /** The command that trains a baseline, as the tail of a refusal (see {@link BaselineStore#retrainHint}). */
    public String retrainHint(String baseline, String dataset) {
        return files.retrainHint(baseline, dataset);
    }

    /** The directory of a checkpoint trained on the training sets: {@link #PRETRAIN} or {@link #ZERO_SHOT}. */
    public Path trainingDir(String baseline, String part) {
        if (!PRETRAIN.equals(part) && !ZERO_SHOT.equals(part)) throw new IllegalArgumentException("unknown part " + part);
        return files.root().resolve(baseline).resolve(part);
    }

    /** The directory of a fine-tuned checkpoint (the random forest's layout). */
    public Path supervisedDir(String baseline, String dataset, MetricKind metric) {
        return files.dir(baseline, dataset, metric);
    }

    /**
     * Saves the blocks' parameters (in order) and a checkpoint describing what they were trained on
     * ({@link #describe}), in {@code dir}.
     */
    public BaselineCheckpoint save(Path dir, BaselineCheckpoint what, Block... blocks) throws IOException {
        Files.createDirectories(dir);
        Path model = dir.resolve(MODEL);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(model)))) {
            for (Block b : blocks) b.saveParameters(out);
        }
        return BaselineStore.write(dir, what);
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
        String retrain = files.retrainHint(baseline, null);
        BaselineCheckpoint cp = BaselineStore.read(dir, baseline, part + " model of " + corpus.name(), retrain);
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
        String retrain = files.retrainHint(baseline, dataset.name());
        BaselineCheckpoint cp = BaselineStore.read(dir, baseline, dataset.name() + " " + metric.id(), retrain);
        String why = BaselineStore.supervisedMismatch(cp, baseline, dataset, split, metric);
        return finish(dir, cp, why, baseline, retrain);
    }

    private static BaselineCheckpoint finish(Path dir, BaselineCheckpoint cp, String why, String baseline,
                                             String retrain) {
        if (why == null && !BaselineInput.LAYOUT.equals(cp.features())) {
            why = "it reads another input layout " + cp.features() + " than now " + BaselineInput.LAYOUT;
        }
        return BaselineStore.accept(dir, cp, why, baseline, retrain);
    }

    private static String library() {
        String v = ai.djl.engine.Engine.class.getPackage().getImplementationVersion();
        return "DJL " + (v == null ? "" : v + " ") + "(PyTorch engine)";
    }
}
