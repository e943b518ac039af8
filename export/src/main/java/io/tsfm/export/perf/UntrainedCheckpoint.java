package io.tsfm.export.perf;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.tsfm.core.runtime.LabelEncoderKind;
import io.tsfm.core.text.TextEncoder;
import io.tsfm.training.model.TrainableTsfm;
import io.tsfm.training.model.config.TsfmConfig;
import io.tsfm.training.run.Checkpoint;
import io.tsfm.training.run.CheckpointProvenance;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checkpoint of a freshly initialised tier, for speed measurements of tiers nobody has trained here: speed does
 * not depend on the weights. Written in the trainer's checkpoint layout ({@code params.bin}, {@code config.json},
 * {@code provenance.json}) so the real exporter turns it into a bundle. Stateless.
 */
public final class UntrainedCheckpoint {

    private UntrainedCheckpoint() {}

    /**
     * Writes the checkpoint of {@code config} with seed-{@code 42} initial weights into {@code dir}.
     *
     * @param vocabularyDatasets datasets whose labels become the bundle vocabulary
     */
    public static Path write(TsfmConfig config, Path dir, TextEncoder encoder, List<String> vocabularyDatasets)
            throws IOException {
        Files.createDirectories(dir);
        ai.djl.engine.Engine.getInstance().setRandomSeed(42);
        try (NDManager m = NDManager.newBaseManager()) {
            TrainableTsfm net = new TrainableTsfm(config);
            net.initialize(m, DataType.FLOAT32);
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    Files.newOutputStream(dir.resolve(Checkpoint.PARAMS))))) {
                net.saveParameters(out);
            }
        }
        Files.writeString(dir.resolve(Checkpoint.CONFIG), config.toJson());
        Map<String, Integer> datasets = new LinkedHashMap<>();
        vocabularyDatasets.forEach(d -> datasets.put(d, 0));
        new CheckpointProvenance(config.getTier(), datasets, null, null, null, null, encoder.modelId(),
                encoder.maxTokens(), LabelEncoderKind.FROZEN, null, null, null, null, null, null, null, null,
                "untrained weights, for speed measurements only", null).write(dir);
        return dir;
    }
}
