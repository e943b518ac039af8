package io.tsfm.cli;

import io.tsfm.cli.classify.ClassifyCommand;
import io.tsfm.cli.cluster.ClusterCommand;
import io.tsfm.cli.datasets.DatasetsCommand;
import io.tsfm.cli.demo.DemoCommand;
import io.tsfm.cli.edge.EdgeCommand;
import io.tsfm.cli.edge.FleetCommand;
import io.tsfm.cli.export.ExportCommand;
import io.tsfm.cli.job.JobCommand;
import io.tsfm.cli.job.PredictionsCommand;
import io.tsfm.cli.train.AverageCommand;
import io.tsfm.cli.train.TrainCommand;
import io.tsfm.cli.train.ValidateCommand;
import io.tsfm.cli.perf.PerfCommand;
import picocli.CommandLine.Command;

/** The root {@code tsfm} command; every user-facing job is a subcommand. */
@Command(name = "tsfm", mixinStandardHelpOptions = true, version = "tsfm 0.1.0-SNAPSHOT",
        description = "TSFM: language-aligned IMU foundation model for zero-shot human activity recognition.",
        subcommands = {DatasetsCommand.class, TrainCommand.class, ExportCommand.class, ClassifyCommand.class,
            PerfCommand.class, EdgeCommand.class, FleetCommand.class, JobCommand.class, PredictionsCommand.class,
            ClusterCommand.class, DemoCommand.class, AverageCommand.class, ValidateCommand.class, io.tsfm.cli.pick.PickCommand.class, io.tsfm.cli.simulate.SimulateCommand.class, io.tsfm.cli.benchmark.BenchmarkCommand.class,
            io.tsfm.cli.benchmark.BaselineCommand.class, picocli.CommandLine.HelpCommand.class})
public final class TsfmCommand {
}
