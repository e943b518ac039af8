package io.tsfm.training.run;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.tsfm.training.model.TrainableTsfm;
import io.tsfm.training.model.config.TsfmConfig;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Uniform weight averaging of checkpoints of one training: every parameter of the result is the mean of that
 * parameter over the checkpoints. The checkpoints are epochs of one run (Izmailov et al., "Averaging Weights Leads to
 * Wider Optima") or sibling runs started from the same parameters with other settings (Wortsman et al., "Model
 * soups"); both lie in one basin of the loss, so their mean is a model too. Averaging models that do not share a
 * starting point gives noise; that is not checked here (the provenance does not record ancestry), only that they
 * trained and validate on the same data.
 *
 * <p>The result is a weights-only checkpoint ({@code params.bin}, {@code config.json}, {@code provenance.json}) that
 * {@code --init}, export and fine-tuning read like any other. Its provenance is the last checkpoint's, with
 * {@link CheckpointProvenance#averagedFrom()} naming the inputs. Checkpoints that differ in model configuration or
 * in what their validation means (training datasets, held-out subjects, label vocabulary, text encoder, label
 * encoder) are refused: their mean is not a model of either.
 */
public final class CheckpointAverage {
    private CheckpointAverage() {}

    /**
     * Averages {@code checkpoints} into {@code out} (created; refused if it already holds a checkpoint).
     *
     * @return {@code out}
     * @throws IOException              naming the checkpoint that cannot be read
     * @throws IllegalArgumentException naming the checkpoint and what differs, or fewer than two checkpoints
     */
    public static Path write(List<Path> checkpoints, Path out) throws IOException {
        Objects.requireNonNull(out, "out");
        if (checkpoints.size() < 2) {
            throw new IllegalArgumentException("averaging needs at least two checkpoints, got " + checkpoints.size());
        }
        if (checkpoints.stream().distinct().count() != checkpoints.size()) {
            throw new IllegalArgumentException("a checkpoint is listed twice: " + checkpoints);
        }
        if (Files.exists(out) && !isEmptyDirectory(out)) {
            throw new IllegalArgumentException("output " + out + " exists and is not empty; choose another folder");
        }
        Path first = checkpoints.get(0);
        TsfmConfig config = Checkpoint.readConfig(first);
        CheckpointProvenance firstProvenance = CheckpointProvenance.read(first);
        CheckpointProvenance last = firstProvenance;
        for (Path c : checkpoints.subList(1, checkpoints.size())) {
            if (!Checkpoint.readConfig(c).equals(config)) {
                throw new IllegalArgumentException("checkpoint " + c + " has another model configuration than " + first);
            }
            last = CheckpointProvenance.read(c);
            sameTraining(first, firstProvenance, c, last);
        }

        Map<String, double[]> sum = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            TrainableTsfm net = new TrainableTsfm(config);
            net.initialize(manager, DataType.FLOAT32);
            for (Path c : checkpoints) {
                Checkpoint.loadParameters(c, net, manager);
                for (Pair<String, Parameter> p : net.getParameters()) {
                    float[] v = p.getValue().getArray().toFloatArray();
                    double[] acc = sum.computeIfAbsent(p.getKey(), k -> new double[v.length]);
                    for (int i = 0; i < v.length; i++) acc[i] += v[i];
                }
            }
            for (Pair<String, Parameter> p : net.getParameters()) {
                double[] acc = sum.get(p.getKey());
                float[] mean = new float[acc.length];
                for (int i = 0; i < acc.length; i++) mean[i] = (float) (acc[i] / checkpoints.size());
                p.getValue().getArray().set(FloatBuffer.wrap(mean));
            }
            List<String> inputs = checkpoints.stream().map(Path::toString).toList();
            Checkpoint.writeWeights(out, net, last.averageOf(inputs)); // out is absent or empty, checked above
        }
        return out;
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return false;
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void sameTraining(Path a, CheckpointProvenance pa, Path b, CheckpointProvenance pb) {
        check(a, pa, b, pb, "training datasets", CheckpointProvenance::datasets);
        check(a, pa, b, pb, "held-out subjects", CheckpointProvenance::heldOutSubjects);
        check(a, pa, b, pb, "label vocabulary", CheckpointProvenance::labelVocabularySha256);
        check(a, pa, b, pb, "text model", CheckpointProvenance::textModel);
        check(a, pa, b, pb, "text truncation", CheckpointProvenance::textMaxTokens);
        check(a, pa, b, pb, "label encoder", CheckpointProvenance::labelEncoder);
    }

    private static void check(Path a, CheckpointProvenance pa, Path b, CheckpointProvenance pb, String what,
                              Function<CheckpointProvenance, Object> field) {
        if (!Objects.equals(field.apply(pa), field.apply(pb))) {
            throw new IllegalArgumentException("checkpoint " + b + " differs from " + a + " in its " + what + " ("
                    + field.apply(pb) + " against " + field.apply(pa) + "): only checkpoints of one training can be "
                    + "averaged");
        }
    }
}
