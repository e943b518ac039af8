package io.tsfm.cli.pick;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.cli.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tsfm pick} on two runs' metrics in the trainer's format: best first, and one line for a broken file. */
class PickCommandTest {
    private static final String ROW = "{\"epoch\":%d,\"val_accuracy\":%s,\"val_rotated_accuracy\":%s}";

    private static Path run(Path dir, String... rows) throws Exception {
        Files.createDirectories(dir.resolve("checkpoints/epoch-0002"));
        Files.write(dir.resolve("metrics.jsonl"), List.of(rows));
        return dir;
    }

    @Test
    void printsEachRunsBestCheckpointBestFirst(@TempDir Path dir) throws Exception {
        Path a = run(dir.resolve("a"), String.format(ROW, 1, 0.9, 0.9), String.format(ROW, 2, 0.50, 0.60));
        Path b = run(dir.resolve("b"), String.format(ROW, 2, 0.58, 0.58));
        CliRun r = CliRun.run("pick", a.toString(), b.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(1)).startsWith("58.0  " + b.resolve("checkpoints/epoch-0002"));
        assertThat(lines.get(2)).startsWith("55.0  " + a.resolve("checkpoints/epoch-0002"))
                .contains("validation 50.0 %, rotated devices 60.0 %");
    }

    @Test
    void aBrokenMetricsFileIsNamedInOneLine(@TempDir Path dir) throws Exception {
        Path a = run(dir.resolve("a"), String.format(ROW, 2, 0.5, 0.5), "{\"epoch\":3");
        CliRun r = CliRun.run("pick", a.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().lines().filter(l -> !l.isBlank()).toList()).singleElement().asString()
                .contains(a.resolve("metrics.jsonl") + ", line 2: not a JSON object");
    }
}
