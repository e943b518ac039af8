package io.tsfm.training.run;

import ai.djl.ndarray.NDManager;
import ai.djl.util.PairList;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tsfm.training.loss.MemoryBank;
import io.tsfm.training.model.TrainableTsfm;
import io.tsfm.training.model.config.TsfmConfig;
import io.tsfm.training.optim.AdamW;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A training checkpoint directory: {@code params.bin} (DJL parameters of model, label bank and loss),
 * {@code config.json} (the model configuration), {@code provenance.json} (datasets and session counts,
 * label vocabulary hash, seed, git commit, text model, metrics), and for resuming {@code optimizer.bin},
 * {@code memory_bank.bin} and {@code state.json} (epoch, steps). Written to a temporary folder and moved
 * into place, so a crash never leaves a half-written checkpoint under the final name.
 */
public final class Checkpoint {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    public static final String PARAMS = "params.bin";
    public static final String CONFIG = "config.json";
    public static final String PROVENANCE = "provenance.json";

    private Checkpoint() {}

    /** Where a run writes the checkpoint after {@code epoch} epochs: {@code <out>/checkpoints/epoch-NNNN}. */
    public static Path dir(Path runOut, int epoch) {
        return runOut.resolve(String.format(Locale.ROOT, "checkpoints/epoch-%04d", epoch));
    }

    /** Writes a checkpoint of everything needed to resume. */
    static void write(Path dir, TrainableTsfm net, AdamW optimizer, MemoryBank bank, int epochsDone, long steps,
                      CheckpointProvenance provenance) throws IOException {
        Path tmp = weightsInTemporary(dir, net, provenance);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp.resolve("optimizer.bin"))))) {
            optimizer.save(out);
        }
        if (bank != null) {
            MemoryBank.Snapshot s = bank.snapshot();
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp.resolve("memory_bank.bin"))))) {
                out.writeInt(s.capacity());
                out.writeInt(s.dim());
                out.writeInt(s.pointer());
                out.writeBoolean(s.full());
                for (float v : s.imu()) out.writeFloat(v);
                for (float v : s.text()) out.writeFloat(v);
            }
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("epochs_done", epochsDone);
        state.put("optimizer_steps", steps);
        JSON.writeValue(tmp.resolve("state.json").toFile(), state);
        moveIntoPlace(tmp, dir);
    }

    /** Writes a weights-only checkpoint ({@code params.bin}, {@code config.json}, {@code provenance.json}). */
    static void writeWeights(Path dir, TrainableTsfm net, CheckpointProvenance provenance) throws IOException {
        moveIntoPlace(weightsInTemporary(dir, net, provenance), dir);
    }

    /** The weights, configuration and provenance of a checkpoint for {@code dir}, in a fresh temporary sibling. */
    private static Path weightsInTemporary(Path dir, TrainableTsfm net, CheckpointProvenance provenance)
            throws IOException {
        Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp");
        deleteRecursively(tmp);
        Files.createDirectories(tmp);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp.resolve(PARAMS))))) {
            net.saveParameters(out);
        }
        Files.writeString(tmp.resolve(CONFIG), net.getConfig().toJson());
        provenance.write(tmp);
        return tmp;
    }

    private static void moveIntoPlace(Path tmp, Path dir) throws IOException {
        deleteRecursively(dir);
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Checks that every one of {@code dirs} is a checkpoint directory before any work starts on them.
     *
     * @throws IllegalArgumentException naming the first that has no {@value #PARAMS}
     */
    public static void requireCheckpoints(List<Path> dirs) {
        for (Path d : dirs) {
            if (!Files.isRegularFile(d.resolve(PARAMS))) {
                throw new IllegalArgumentException("not a checkpoint (no " + PARAMS + "): " + d);
            }
        }
    }

    /** Reads the model configuration of a checkpoint. */
    public static TsfmConfig readConfig(Path dir) throws IOException {
        Path c = dir.resolve(CONFIG);
        if (!Files.isRegularFile(c)) throw new IOException("not a TSFM checkpoint (no " + CONFIG + "): " + dir);
        return TsfmConfig.fromJson(Files.readString(c));
    }

    /** Loads trained parameters into an initialised network of the same configuration. */
    public static void loadParameters(Path dir, TrainableTsfm net, NDManager manager) throws IOException {
        TsfmConfig saved = readConfig(dir);
        if (!saved.equals(net.getConfig())) {
            throw new IOException("checkpoint " + dir + " is of another model configuration (tier " + saved.getTier()
                    + ") than requested (tier " + net.getConfig().getTier() + ")");
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve(PARAMS))))) {
            net.loadParameters(manager, in);
        } catch (ai.djl.MalformedModelException e) {
            throw new IOException("corrupt parameters in " + dir.resolve(PARAMS) + ": " + e.getMessage(), e);
        }
    }

    /** Restores optimizer, memory bank and counters; returns {@code [epochsDone, steps]}. */
    static long[] loadTrainingState(Path dir, AdamW optimizer, PairList<String, ai.djl.nn.Parameter> params, MemoryBank bank)
            throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve("optimizer.bin"))))) {
            optimizer.load(in, params);
        }
        Path mb = dir.resolve("memory_bank.bin");
        if (bank != null && Files.isRegularFile(mb)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(mb)))) {
                int cap = in.readInt();
                int dim = in.readInt();
                int ptr = in.readInt();
                boolean full = in.readBoolean();
                float[] imu = new float[cap * dim];
                float[] text = new float[cap * dim];
                for (int i = 0; i < imu.length; i++) imu[i] = in.readFloat();
                for (int i = 0; i < text.length; i++) text[i] = in.readFloat();
                bank.restore(new MemoryBank.Snapshot(cap, dim, ptr, full, imu, text));
            }
        }
        var state = JSON.readTree(dir.resolve("state.json").toFile());
        return new long[] {state.get("epochs_done").asLong(), state.get("optimizer_steps").asLong()};
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }
}
