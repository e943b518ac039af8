package io.tsfm.cli.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsfm.cli.DataRootOption;
import io.tsfm.training.run.Checkpoint;
import io.tsfm.training.run.CheckpointAverage;
import io.tsfm.training.run.CheckpointProvenance;
import io.tsfm.training.run.CheckpointRule;
import io.tsfm.training.run.CheckpointValidation;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** {@code tsfm average}: the uniform mean of checkpoints of one training, validated like a run's own checkpoint. */
@Command(name = "average", mixinStandardHelpOptions = true,
        description = {"Average the parameters of checkpoints of one training (epochs of a run, or sibling runs "
                + "started from the same parameters: uniform weight averaging) and validate the mean on the held-out "
                + "subjects, as a run validates each epoch. Reads the training datasets: it needs the memory of a "
                + "training run.",
            "--out becomes a run folder (checkpoints/epoch-N, metrics.jsonl) that 'tsfm pick' compares with the "
                + "runs; its checkpoint exports, fine-tunes and starts runs (--init) like any other."})
public final class AverageCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(arity = "2..*", paramLabel = "CHECKPOINT", description = "Checkpoint directories of one training.")
    List<Path> checkpoints;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output run folder (new).")
    Path out;

    @Option(names = "--threads", defaultValue = "2", description = "Intra-op threads of the validation (default 2).")
    int threads;

    @Option(names = "--datasets", split = ",", paramLabel = "NAME",
            description = "Print the rule over these datasets' validation only, as 'tsfm pick --datasets' "
                    + "(default: all of the checkpoints').")
    List<String> datasets = List.of();

    @Mixin DataRootOption rootOption;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(out.resolve("metrics.jsonl"))) {
            throw new IllegalArgumentException("--out " + out + " already holds a run; choose a new folder");
        }
        Checkpoint.requireCheckpoints(checkpoints);
        int epoch = CheckpointProvenance.read(checkpoints.get(checkpoints.size() - 1)).epochsDone();
        Path ck = CheckpointAverage.write(checkpoints, Checkpoint.dir(out, epoch));
        System.out.printf(Locale.ROOT, "averaged %d checkpoints into %s; validating...%n", checkpoints.size(), ck);
        Map<String, Object> row = new LinkedHashMap<>(CheckpointValidation.run(ck, rootOption.resolve(), threads));
        row.put("averaged_from", checkpoints.stream().map(Path::toString).toList());
        Files.writeString(out.resolve("metrics.jsonl"), JSON.writeValueAsString(row) + System.lineSeparator());
        CheckpointRule.Candidate c = CheckpointRule.best(out, Set.copyOf(datasets)).orElseThrow();
        System.out.printf(Locale.ROOT, "rule%s: %.1f  %s  (validation %.1f %%, rotated devices %.1f %%)%n",
                datasets.isEmpty() ? "" : " over " + String.join(",", datasets), 100 * c.score(), c.checkpoint(),
                100 * c.valAccuracy(), 100 * c.rotatedAccuracy());
        return 0;
    }
}
