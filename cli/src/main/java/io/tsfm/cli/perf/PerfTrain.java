package io.tsfm.cli.perf;

import io.tsfm.cli.DataRootOption;
import io.tsfm.training.perf.TrainingBenchmark;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tsfm perf train}: training samples/s and peak memory per tier. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Training throughput (median samples/s over timed steps) and peak memory per tier, with parameter counts.")
public final class PerfTrain implements Callable<Integer> {
    @Option(names = "--tiers", split = ",", description = "Tiers, smallest first (default: micro,mini,tiny,small,small_deep,medium,large).")
    List<String> tiers = List.of("micro", "mini", "tiny", "small", "small_deep", "medium", "large");

    @Option(names = "--datasets", split = ",", description = "Datasets batches are drawn from (default: hapt,hmp,utd_mhad).")
    List<String> datasets = List.of("hapt", "hmp", "utd_mhad");

    @Option(names = "--steps", defaultValue = "20", description = "Timed steps per tier (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed warm-up steps (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--batch-size", defaultValue = "32", description = "Micro-batch size (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--max-seconds", defaultValue = "12", description = "Longest training window, as in train (default ${DEFAULT-VALUE}).")
    double maxSeconds;

    @Mixin DataRootOption rootOption;

    @Override
    public Integer call() throws Exception {
        var rows = TrainingBenchmark.run(tiers, rootOption.resolve(), datasets, warmup, steps, batchSize, maxSeconds, System.err);
        TrainingBenchmark.print(rows, System.out);
        return 0;
    }
}
