package io.tsfm.training.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsfm.datasets.DataRoot;
import io.tsfm.training.model.TrainableTsfm;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weight averaging and the stand-alone validation on a real micro run of two epochs (hapt and hmp): the mean is the
 * mean of every parameter, and the validation of a checkpoint gives the figures its run logged for it.
 */
class CheckpointAverageTest {
    private static final DataRoot ROOT = DataRoot.resolve();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path run;

    @BeforeAll
    static void train() throws Exception {
        TrainConfig cfg = TrainConfig.builder().setTier("micro").setOutDir(run).optDatasets(List.of("hapt", "hmp"))
                .optEpochs(2).optSamplesPerEpoch(256).optBatchSize(16).optQueueSize(64).optCheckpointEvery(1)
                .optMaxSeconds(6).optThreads(1).build();
        new ContrastiveTrainer(cfg, ROOT, new PrintStream(OutputStream.nullOutputStream())).run();
    }

    @Test
    void everyParameterIsTheMeanAndTheProvenanceNamesTheInputs(@TempDir Path out) throws Exception {
        Path a = Checkpoint.dir(run, 1);
        Path b = Checkpoint.dir(run, 2);
        Path mean = CheckpointAverage.write(List.of(a, b), out.resolve("mean"));

        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            PairList<String, Parameter> pa = load(a, m).getParameters();
            PairList<String, Parameter> pb = load(b, m).getParameters();
            PairList<String, Parameter> pm = load(mean, m).getParameters();
            assertThat(pm.keys()).isEqualTo(pa.keys());
            double moved = 0;
            for (int i = 0; i < pm.size(); i++) {
                float[] x = pa.get(i).getValue().getArray().toFloatArray();
                float[] y = pb.get(i).getValue().getArray().toFloatArray();
                float[] z = pm.get(i).getValue().getArray().toFloatArray();
                for (int j = 0; j < z.length; j++) {
                    assertThat((double) z[j]).as(pm.get(i).getKey()).isCloseTo((x[j] + y[j]) / 2.0, offset(1e-6));
                    moved = Math.max(moved, Math.abs(x[j] - y[j]));
                }
            }
            assertThat(moved).as("the two epochs differ, so the mean is not either").isGreaterThan(1e-3);
        }
        CheckpointProvenance p = CheckpointProvenance.read(mean);
        assertThat(p.averagedFrom()).containsExactly(a.toString(), b.toString());
        assertThat(p.epochsDone()).isEqualTo(2);
        assertThat(p.heldOutSubjects()).isEqualTo(CheckpointProvenance.read(b).heldOutSubjects());
        assertThat(p.validation()).as("the mean is not validated by its inputs' figures").isNull();
        assertThat(mean.resolve("optimizer.bin")).doesNotExist();
    }

    @Test
    void aCheckpointValidatedOnItsOwnGivesWhatItsRunLogged() throws Exception {
        JsonNode logged = JSON.readTree(Files.readAllLines(run.resolve("metrics.jsonl")).get(1));
        Map<String, Object> v = CheckpointValidation.run(Checkpoint.dir(run, 2), ROOT, 1);
        assertThat(v.get("epoch")).isEqualTo(2);
        for (String key : List.of("val_accuracy", "val_macro_f1", "val_rotated_accuracy", "val_rotated_macro_f1")) {
            assertThat((Double) v.get(key)).as(key).isCloseTo(logged.get(key).asDouble(), offset(1e-9));
        }
        assertThat((JsonNode) JSON.valueToTree(v.get("val_rotated_per_dataset"))).isEqualTo(logged.get("val_rotated_per_dataset"));
    }

    @Test
    void checkpointsOfAnotherTrainingAreRefused(@TempDir Path out) throws Exception {
        Path other = copyWithHeldOut(Checkpoint.dir(run, 1), out.resolve("other"), "hapt", "1");
        assertThatThrownBy(() -> CheckpointAverage.write(List.of(Checkpoint.dir(run, 2), other), out.resolve("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checkpoint " + other + " differs from " + Checkpoint.dir(run, 2))
                .hasMessageContaining("held-out subjects");
        assertThat(out.resolve("x")).doesNotExist();
        assertThatThrownBy(() -> CheckpointValidation.run(other, ROOT, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the data it trained on");
        assertThatThrownBy(() -> CheckpointAverage.write(List.of(Checkpoint.dir(run, 2)), out.resolve("y")))
                .hasMessageContaining("at least two checkpoints");
        assertThatThrownBy(() -> CheckpointAverage.write(List.of(Checkpoint.dir(run, 2), Checkpoint.dir(run, 2)),
                out.resolve("y"))).hasMessageContaining("listed twice");
        // a folder with something in it is never overwritten
        Files.writeString(out.resolve("keep.txt"), "mine");
        assertThatThrownBy(() -> CheckpointAverage.write(List.of(Checkpoint.dir(run, 1), Checkpoint.dir(run, 2)), out))
                .hasMessageContaining("exists and is not empty");
        assertThat(out.resolve("keep.txt")).hasContent("mine");
    }

    /** A copy of {@code from} whose provenance says it held out {@code subject} of {@code dataset} only. */
    private static Path copyWithHeldOut(Path from, Path to, String dataset, String subject) throws Exception {
        Files.createDirectories(to);
        for (String f : List.of(Checkpoint.PARAMS, Checkpoint.CONFIG)) Files.copy(from.resolve(f), to.resolve(f));
        ObjectNode p = (ObjectNode) JSON.readTree(from.resolve(Checkpoint.PROVENANCE).toFile());
        ((ObjectNode) p.get("held_out_subjects")).putArray(dataset).add(subject);
        JSON.writeValue(to.resolve(Checkpoint.PROVENANCE).toFile(), p);
        return to;
    }

    private static TrainableTsfm load(Path dir, NDManager m) throws Exception {
        TrainableTsfm net = new TrainableTsfm(Checkpoint.readConfig(dir));
        net.initialize(m, DataType.FLOAT32);
        Checkpoint.loadParameters(dir, net, m);
        return net;
    }
}
