package io.tsfm.training.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import io.tsfm.training.model.TrainableTsfm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsfm.datasets.DataRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the real training datasets, kept short: two tiny epochs of the micro tier, then a resume and a new
 * run from the parameters alone.
 */
class ContrastiveTrainerTest {
    private static final DataRoot ROOT = DataRoot.resolve();

    // one intra-op thread: with two, a loaded machine moved the repeated run's loss by 3e-4 (2026-12-07, beside a
    // training run); with one it repeated to 1e-4 in 4 of 4 runs beside a training run and a CPU hog
    private static TrainConfig.Builder small(Path out) {
        return TrainConfig.builder().setTier("micro").setOutDir(out).optDatasets(List.of("hapt", "hmp"))
                .optEpochs(2).optSamplesPerEpoch(256).optBatchSize(16).optQueueSize(64).optCheckpointEvery(1)
                .optMaxSeconds(6).optThreads(1);
    }

    @Test
    void trainsWritesEverythingAndResumes(@TempDir Path out) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ContrastiveTrainer.Result r = new ContrastiveTrainer(small(out).build(), ROOT, new PrintStream(log, true)).run();
        assertThat(r.epochs()).isEqualTo(2);
        assertThat(r.firstLoss()).isFinite();
        assertThat(r.valAccuracy()).isBetween(0.0, 1.0);

        List<String> lines = Files.readAllLines(out.resolve("metrics.jsonl"));
        assertThat(lines).hasSize(2);
        JsonNode last = new ObjectMapper().readTree(lines.get(1));
        assertThat(last.get("val_per_dataset").has("hapt")).isTrue();
        assertThat(last.get("val_per_dataset").has("hmp")).isTrue();
        // the rotated-device mean is the mean of its per-dataset rows, so a rule can be retaken over a subset
        JsonNode rotated = last.get("val_rotated_per_dataset");
        assertThat(rotated.size()).isEqualTo(2);
        assertThat((rotated.get("hapt").get("accuracy").asDouble() + rotated.get("hmp").get("accuracy").asDouble()) / 2)
                .isCloseTo(last.get("val_rotated_accuracy").asDouble(), offset(1e-9));
        assertThat(out.resolve("curves.png")).isNotEmptyFile();
        // the rule reads the trainer's own metrics and chooses one of the checkpoints it wrote
        CheckpointRule.Candidate chosen = CheckpointRule.best(out, java.util.Set.of("hapt", "hmp")).orElseThrow();
        assertThat(chosen.checkpoint()).isDirectory();
        double lastScore = (last.get("val_accuracy").asDouble() + last.get("val_rotated_accuracy").asDouble()) / 2;
        assertThat(chosen.score()).isGreaterThanOrEqualTo(lastScore - 1e-9); // epoch 2 has a checkpoint too
        assertThat(out.resolve("embeddings-epoch-0002.png")).isNotEmptyFile();
        Path ck = out.resolve("checkpoints/epoch-0001");
        for (String f : List.of("params.bin", "config.json", "provenance.json", "optimizer.bin", "memory_bank.bin", "state.json")) {
            assertThat(ck.resolve(f)).as(f).isNotEmptyFile();
        }
        JsonNode prov = new ObjectMapper().readTree(ck.resolve("provenance.json").toFile());
        assertThat(prov.get("datasets").get("hapt").asInt()).isEqualTo(1214);
        assertThat(prov.get("label_vocabulary_sha256").asText()).hasSize(64);
        assertThat(prov.get("seed").asLong()).isEqualTo(42);
        assertThat(prov.get("held_out_subjects").get("hapt").size()).isGreaterThan(0);
        assertThat(out.resolve("final/params.bin")).isNotEmptyFile();

        // the same seed repeats the run: data, augmentations, initial weights and dropout masks. Up to float rounding
        // only: the engine's CPU kernels are not bit-repeatable on a loaded machine (a CI run saw the loss differ in
        // the 7th digit); an unseeded generator changes the initial weights, so the loss by far more than 1e-4
        Path again = out.resolve("again");
        new ContrastiveTrainer(small(again).optEpochs(1).build(), ROOT, new PrintStream(log, true)).run();
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        JsonNode repeated = new ObjectMapper().readTree(Files.readAllLines(again.resolve("metrics.jsonl")).get(0));
        assertThat(repeated.get("train_loss").asDouble()).isCloseTo(first.get("train_loss").asDouble(), offset(1e-4));
        // mean, not largest: Adam moves every weight by about the learning rate whatever its gradient's size, so a
        // near-zero gradient whose sign rounding flips moves one weight by 2e-3 (a fresh machine saw 1.1e-3 largest)
        assertThat(parameterDifference(again.resolve("checkpoints/epoch-0001"), ck)[1]).isLessThan(1e-4);
        // and a different seed does not
        Path other = out.resolve("other-seed");
        new ContrastiveTrainer(small(other).optEpochs(1).optSeed(7).build(), ROOT, new PrintStream(log, true)).run();
        assertThat(parameterDifference(other.resolve("checkpoints/epoch-0001"), ck)[1]).isGreaterThan(1e-3);

        // resume after epoch 1 and run to 2 epochs: picks up the counters and finishes one more epoch
        Path out2 = out.resolve("resumed");
        ContrastiveTrainer.Result resumed = new ContrastiveTrainer(small(out2).optResume(ck).build(), ROOT, new PrintStream(log, true)).run();
        assertThat(resumed.epochs()).isEqualTo(1);
        assertThat(log.toString()).contains("resumed from").contains("after epoch 1");
        JsonNode state = new ObjectMapper().readTree(out2.resolve("final/state.json").toFile());
        assertThat(state.get("epochs_done").asInt()).isEqualTo(2);

        // a new run from the parameters alone, as a shipped checkpoint keeps them (no optimizer, queue or state):
        // with a vanishing learning rate it ends where it started, and its epochs count on from the checkpoint's
        Path shipped = out.resolve("shipped");
        Files.createDirectories(shipped);
        for (String f : List.of("params.bin", "config.json", "provenance.json")) Files.copy(ck.resolve(f), shipped.resolve(f));
        Path out3 = out.resolve("initialised");
        ContrastiveTrainer.Result init = new ContrastiveTrainer(small(out3).optInit(shipped).optEpochs(1)
                .optLearningRate(1e-12).build(), ROOT, new PrintStream(log, true)).run();
        assertThat(init.epochs()).isEqualTo(1);
        assertThat(log.toString()).contains("initialised from the parameters of " + shipped + " (epoch 1)");
        assertThat(out3.resolve("checkpoints/epoch-0002/state.json")).isNotEmptyFile();
        assertThat(parameterDifference(out3.resolve("checkpoints/epoch-0002"), ck)[0]).isLessThan(1e-6);
        JsonNode initProv = new ObjectMapper().readTree(out3.resolve("final/provenance.json").toFile());
        assertThat(initProv.get("train_config").get("init").asText()).endsWith("shipped/");
    }

    /** The largest and the mean |difference| between the parameters of two checkpoints of the same configuration. */
    private static double[] parameterDifference(Path a, Path b) throws Exception {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            PairList<String, Parameter> pa = load(a, manager).getModel().getParameters();
            PairList<String, Parameter> pb = load(b, manager).getModel().getParameters();
            assertThat(pa.keys()).isEqualTo(pb.keys());
            double worst = 0;
            double sum = 0;
            long n = 0;
            for (int i = 0; i < pa.size(); i++) {
                float[] x = pa.get(i).getValue().getArray().toFloatArray();
                float[] y = pb.get(i).getValue().getArray().toFloatArray();
                for (int j = 0; j < x.length; j++) {
                    double d = Math.abs(x[j] - y[j]);
                    worst = Math.max(worst, d);
                    sum += d;
                }
                n += x.length;
            }
            return new double[] {worst, sum / n};
        }
    }

    private static TrainableTsfm load(Path dir, NDManager manager) throws Exception {
        TrainableTsfm net = new TrainableTsfm(Checkpoint.readConfig(dir));
        net.initialize(manager, DataType.FLOAT32);
        Checkpoint.loadParameters(dir, net, manager);
        return net;
    }

    @Test
    void refusesBadRequestsBeforeAnyWork(@TempDir Path out) {
        assertThatThrownBy(() -> small(out).optDatasets(List.of()).build()).hasMessageContaining("no training datasets");
        assertThatThrownBy(() -> new ContrastiveTrainer(small(out).setTier("huge").build(), ROOT, System.err).run())
                .hasMessageContaining("unknown model tier 'huge'");
        assertThatThrownBy(() -> new ContrastiveTrainer(small(out).optDatasets(List.of("mobifall_v2")).build(), ROOT, System.err).run())
                .hasMessageContaining("zero-shot test set");
        // MotionSense is a default benchmark test set: training never reads it either
        assertThatThrownBy(() -> new ContrastiveTrainer(small(out).optDatasets(List.of("motionsense")).build(), ROOT,
                System.err).run()).hasMessageContaining("'motionsense' is a zero-shot test set");
        assertThatThrownBy(() -> new ContrastiveTrainer(small(out).optDatasets(List.of("nope")).build(), ROOT, System.err).run())
                .hasMessageContaining("unknown dataset 'nope'");
        assertThatThrownBy(() -> small(out).optResume(out.resolve("a")).optInit(out.resolve("b")).build())
                .hasMessageContaining("--resume and --init exclude each other");
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void refusesACheckpointOfAnotherConfiguration(@TempDir Path dir) throws Exception {
        Path fake = dir.resolve("ck");
        Files.createDirectories(fake);
        Files.writeString(fake.resolve("config.json"), io.tsfm.training.model.config.TsfmConfig.tiny().toJson());
        assertThatThrownBy(() -> new ContrastiveTrainer(small(dir.resolve("out")).optResume(fake).build(), ROOT, System.err).run())
                .hasMessageContaining("another model configuration");
    }
}
