package io.tsfm.cli.cluster;

import io.tsfm.lab.cluster.ClusterRest;
import io.tsfm.lab.cluster.LocalCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tsfm cluster savepoint JOB}: stop a job with a savepoint (or take one and keep it running). */
@Command(name = "savepoint", mixinStandardHelpOptions = true,
        description = {"Stop a job with a savepoint: its sources stop and its last predictions commit. Start it again, "
                + "at any parallelism, with ./tsfm job --cluster ... --restore-from SAVEPOINT --parallelism N: no window "
                + "is lost or repeated.", "With --keep-running, take a savepoint and leave the job running."})
public final class SavepointCommand implements Callable<Integer> {
    @Parameters(paramLabel = "JOB", description = "The job id (./tsfm cluster status lists them).")
    String job;

    @Option(names = "--port", defaultValue = "8081", description = "The cluster's REST port on localhost (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where the savepoint goes (default: savepoints beside the local cluster's checkpoints).")
    Path dir;

    @Option(names = "--keep-running", description = "Take a savepoint without stopping the job.")
    boolean keepRunning;

    @Option(names = "--timeout", defaultValue = "120", description = "Seconds to wait for the savepoint (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        ClusterRest rest = new ClusterRest("localhost", port);
        if (rest.overview().isEmpty()) {
            throw new IllegalArgumentException("no Flink cluster answers at " + rest.url() + " (--port)");
        }
        Path target = dir != null ? dir : LocalCluster.ofHome().layout().root().resolve("savepoints");
        String location = rest.savepoint(job, target, !keepRunning, Duration.ofSeconds(timeoutSeconds));
        System.out.println((keepRunning ? "savepoint of " : "stopped " ) + job + (keepRunning ? ": " : " with savepoint ")
                + location);
        System.out.println("  restore: ./tsfm job --cluster localhost:" + port + " --bootstrap-servers HOST:PORT "
                + "--restore-from " + location.replaceFirst("^file:", "") + " [--parallelism N] (and the job's other arguments)");
        return 0;
    }
}
