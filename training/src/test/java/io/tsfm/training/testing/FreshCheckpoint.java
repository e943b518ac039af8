package io.tsfm.training.testing;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.tsfm.training.model.Devices;
import io.tsfm.training.model.TrainableTsfm;
import io.tsfm.training.run.Checkpoint;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TEST ONLY: a checkpoint of another model with the same tier, configuration and provenance as a given one, but freshly
 * initialised weights, so only what the weights compute can tell the two apart. Shipped in training's test-jar for the
 * benchmark's and the CLI's tests.
 */
public final class FreshCheckpoint {

    private FreshCheckpoint() {
    }

    /** Writes into {@code dir} (created) the configuration and provenance of {@code like} with fresh weights. */
    public static Path write(Path like, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.copy(like.resolve(Checkpoint.CONFIG), dir.resolve(Checkpoint.CONFIG));
        Files.copy(like.resolve(Checkpoint.PROVENANCE), dir.resolve(Checkpoint.PROVENANCE));
        Devices.preferred();
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu());
             DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(Checkpoint.PARAMS)))) {
            TrainableTsfm net = new TrainableTsfm(Checkpoint.readConfig(like));
            net.initialize(m, DataType.FLOAT32);
            net.saveParameters(out);
        }
        return dir;
    }
}
