package io.tsfm.cli.perf;

import picocli.CommandLine.Command;

/** {@code tsfm perf ...}: benchmark commands that print figures (never run as tests). */
@Command(name = "perf", mixinStandardHelpOptions = true, description = "Benchmarks that print figures.",
        subcommands = {PerfTrain.class, PerfClassifier.class, PerfJob.class, PerfEdge.class})
public final class PerfCommand {
}
