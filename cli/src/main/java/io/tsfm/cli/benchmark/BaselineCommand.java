package io.tsfm.cli.benchmark;

import picocli.CommandLine.Command;

/** {@code tsfm baseline}: trains the benchmark's baselines, whose checkpoints {@code tsfm benchmark} reuses. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "Train benchmark baselines (saved for reuse by 'tsfm benchmark --baselines').",
        subcommands = {BaselineTrainCommand.class})
public final class BaselineCommand {
}
