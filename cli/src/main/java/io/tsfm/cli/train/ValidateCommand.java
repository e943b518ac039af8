package io.tsfm.cli.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsfm.cli.DataRootOption;
import io.tsfm.training.run.Checkpoint;
import io.tsfm.training.run.CheckpointRule;
import io.tsfm.training.run.CheckpointValidation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tsfm validate}: a checkpoint's validation on its training sets' held-out subjects, as its run logged it, and
 * on request the thigh sensors of those subjects alone (the nearest the training sets come to a phone in a pocket).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Validate checkpoints on the held-out subjects of their training datasets, as their run did "
                + "after each epoch, and print the rule 'tsfm pick' ranks by. Reads the training datasets: it needs "
                + "the memory of a training run.",
            "--thigh adds the held-out sessions that carry a thigh sensor (hugadb, utd_mhad), cut to that one "
                + "device, as recorded and as rotated devices: the nearest the training sets come to a phone in a "
                + "trouser pocket (MobiFall, MotionSense)."})
public final class ValidateCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(arity = "1..*", paramLabel = "CHECKPOINT", description = "Checkpoint directories.")
    List<Path> checkpoints;

    @Option(names = "--thigh", description = "Also validate on the thigh sensors of the held-out subjects alone.")
    boolean thigh;

    @Option(names = "--threads", defaultValue = "2", description = "Intra-op threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--datasets", split = ",", paramLabel = "NAME",
            description = "Print the rule (and the thigh figure) over these datasets' validation only, as 'tsfm "
                    + "pick --datasets' (default: all of each checkpoint's).")
    List<String> datasets = List.of();

    @Option(names = "--json", paramLabel = "FILE",
            description = "Append each checkpoint's figures to FILE as a JSON line (created if absent).")
    Path json;

    @Mixin DataRootOption rootOption;

    @Override
    public Integer call() throws Exception {
        Checkpoint.requireCheckpoints(checkpoints);
        Set<String> over = Set.copyOf(datasets);
        for (Path c : checkpoints) {
            Map<String, Object> figures = thigh ? CheckpointValidation.runWithThigh(c, rootOption.resolve(), threads)
                    : CheckpointValidation.run(c, rootOption.resolve(), threads);
            JsonNode row = JSON.valueToTree(figures);
            CheckpointRule.Candidate rule = CheckpointRule.score(row, c, over, c.toString());
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "rule%s %.1f  %s  (validation %.1f %%, rotated devices %.1f %%)",
                    datasets.isEmpty() ? "" : " over " + String.join(",", datasets), 100 * rule.score(), c,
                    100 * rule.valAccuracy(), 100 * rule.rotatedAccuracy()));
            if (thigh) {
                CheckpointRule.Thigh t = CheckpointRule.thigh(row, over, c.toString());
                line.append(String.format(Locale.ROOT, "  thigh %.1f (as recorded %.1f %%, rotated %.1f %%; %d sessions)",
                        100 * t.score(), 100 * t.asRecorded(), 100 * t.rotated(), t.sessions()));
            }
            System.out.println(line);
            if (json != null) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("checkpoint", c.toString());
                out.putAll(figures);
                Files.writeString(json, JSON.writeValueAsString(out) + System.lineSeparator(),
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
        return 0;
    }
}
