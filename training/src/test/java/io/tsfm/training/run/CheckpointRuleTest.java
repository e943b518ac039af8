package io.tsfm.training.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint rule on metrics.jsonl rows in the trainer's format (the trainer's own output: ContrastiveTrainerTest). */
class CheckpointRuleTest {

    /** A metrics row: a, b are per-dataset plain accuracies, ra, rb rotated; the logged means are over both. */
    static String row(int epoch, double a, double b, double ra, double rb) {
        return String.format(Locale.ROOT, "{\"epoch\":%d,\"train_loss\":4.0,\"val_accuracy\":%s,\"val_per_dataset\":"
                + "{\"hapt\":{\"accuracy\":%s},\"sim\":{\"accuracy\":%s}},\"val_rotated_accuracy\":%s,"
                + "\"val_rotated_per_dataset\":{\"hapt\":{\"accuracy\":%s},\"sim\":{\"accuracy\":%s}}}",
                epoch, (a + b) / 2, a, b, (ra + rb) / 2, ra, rb);
    }

    static Path run(Path dir, List<String> rows, int... checkpoints) throws Exception {
        Files.createDirectories(dir);
        Files.write(dir.resolve("metrics.jsonl"), rows);
        for (int e : checkpoints) Files.createDirectories(Checkpoint.dir(dir, e));
        return dir;
    }

    @Test
    void choosesTheBestCheckpointOnDiskAndCanJudgeOnASubsetOfDatasets(@TempDir Path dir) throws Exception {
        // epoch 3 scores highest but its checkpoint is gone; epoch 2 wins over all datasets, epoch 4 over hapt alone
        Path a = run(dir.resolve("a"), List.of(row(1, 0.5, 0.5, 0.5, 0.5), row(2, 0.6, 0.9, 0.6, 0.9),
                row(3, 0.9, 0.9, 0.9, 0.9), row(4, 0.7, 0.1, 0.7, 0.1)), 1, 2, 4);
        CheckpointRule.Candidate all = CheckpointRule.best(a, Set.of()).orElseThrow();
        assertThat(all.epoch()).isEqualTo(2);
        assertThat(all.score()).isCloseTo(0.75, offset(1e-12));
        assertThat(all.checkpoint()).isEqualTo(a.resolve("checkpoints/epoch-0002"));
        CheckpointRule.Candidate hapt = CheckpointRule.best(a, Set.of("hapt")).orElseThrow();
        assertThat(hapt.epoch()).isEqualTo(4);
        assertThat(hapt.valAccuracy()).isCloseTo(0.7, offset(1e-12));

        Path b = run(dir.resolve("b"), List.of(row(1, 0.8, 0.8, 0.8, 0.8)), 1);
        Path none = run(dir.resolve("none"), List.of("{\"epoch\":1,\"train_loss\":4.0}"), 1);
        List<CheckpointRule.Candidate> ranked = CheckpointRule.bestPerRun(List.of(a, none, b), Set.of());
        assertThat(ranked).extracting(CheckpointRule.Candidate::checkpoint)
                .containsExactly(b.resolve("checkpoints/epoch-0001"), a.resolve("checkpoints/epoch-0002"));
    }

    @Test
    void badInputNamesFileLineAndField(@TempDir Path dir) throws Exception {
        Path bad = run(dir.resolve("bad"), List.of(row(1, 0.5, 0.5, 0.5, 0.5), "{\"epoch\":2,"), 1, 2);
        assertThatThrownBy(() -> CheckpointRule.best(bad, Set.of()))
                .hasMessageStartingWith(bad.resolve("metrics.jsonl") + ", line 2: not a JSON object");
        Path old = run(dir.resolve("old"), List.of("{\"epoch\":1,\"val_accuracy\":0.5,\"val_rotated_accuracy\":0.5}"), 1);
        assertThat(CheckpointRule.best(old, Set.of()).orElseThrow().score()).isCloseTo(0.5, offset(1e-12));
        assertThatThrownBy(() -> CheckpointRule.best(old, Set.of("hapt")))
                .hasMessageContaining(", line 1: no val_per_dataset");
        Path a = run(dir.resolve("a"), List.of(row(1, 0.5, 0.5, 0.5, 0.5)), 1);
        assertThatThrownBy(() -> CheckpointRule.best(a, Set.of("hmp")))
                .hasMessageContaining("line 1: val_per_dataset has no accuracy for dataset 'hmp'");
        assertThatThrownBy(() -> CheckpointRule.best(dir.resolve("nowhere"), Set.of()))
                .hasMessageContaining("no metrics.jsonl");
    }
}
