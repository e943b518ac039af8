package io.tsfm.cli.cluster;

import picocli.CommandLine.Command;

/** {@code tsfm cluster start|status|stop|savepoint}: a real standalone Flink cluster on this machine. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"A standalone Flink cluster on this machine: a job manager and task managers, each its own "
                + "process (their configuration, logs and checkpoints are kept in the checkout's .tsfm folder).",
            "Submit the streaming job to it with ./tsfm job --cluster localhost:8081 --bootstrap-servers HOST:PORT."},
        subcommands = {StartCluster.class, ClusterStatus.class, StopCluster.class, SavepointCommand.class})
public final class ClusterCommand {
}
