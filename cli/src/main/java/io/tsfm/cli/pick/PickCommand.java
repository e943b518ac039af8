package io.tsfm.cli.pick;

import io.tsfm.training.run.CheckpointRule;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tsfm pick}: the checkpoint the validation rule chooses among training runs, before anything is tested. */
@Command(name = "pick", mixinStandardHelpOptions = true,
        description = {"Choose a checkpoint by the validation rule: the mean of zero-shot validation accuracy on the "
                + "held-out subjects and on the same sessions as rotated devices, over the checkpoints on disk of "
                + "each run (read from its metrics.jsonl). Prints each run's best, best first; export the first.",
            "--datasets takes the rule over those training datasets only, so runs with different training sources "
                + "are compared on the same validation."})
public final class PickCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RUN", description = "Training run directories (each a `tsfm train --out`).")
    List<Path> runs;

    @Option(names = "--datasets", split = ",", paramLabel = "NAME",
            description = "Take the rule over these datasets' validation only (default: all of each run's).")
    List<String> datasets = List.of();

    @Override
    public Integer call() throws Exception {
        List<CheckpointRule.Candidate> best = CheckpointRule.bestPerRun(runs, new LinkedHashSet<>(datasets));
        if (best.isEmpty()) throw new IllegalArgumentException("no run among " + runs + " has a checkpoint with validation scores");
        System.out.println("rule: mean of validation and rotated-device validation accuracy"
                + (datasets.isEmpty() ? "" : " over " + String.join(",", datasets)));
        for (CheckpointRule.Candidate c : best) {
            System.out.printf(Locale.ROOT, "%.1f  %s  (epoch %d: validation %.1f %%, rotated devices %.1f %%)%n",
                    100 * c.score(), c.checkpoint(), c.epoch(), 100 * c.valAccuracy(), 100 * c.rotatedAccuracy());
        }
        return 0;
    }
}
