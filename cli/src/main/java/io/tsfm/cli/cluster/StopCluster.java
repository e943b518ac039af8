package io.tsfm.cli.cluster;

import io.tsfm.lab.cluster.LocalCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tsfm cluster stop}: stops every process of the cluster. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop the cluster: SIGTERM to every process, SIGKILL to any still running after the grace "
                + "period. Logs and checkpoints stay unless --clean.")
public final class StopCluster implements Callable<Integer> {
    @Option(names = "--grace", defaultValue = "30", description = "Seconds to wait before killing (default ${DEFAULT-VALUE}).")
    int graceSeconds;

    @Option(names = "--clean", description = "Also delete the cluster's state directory (logs, checkpoints).")
    boolean clean;

    @Override
    public Integer call() throws Exception {
        LocalCluster cluster = LocalCluster.ofHome();
        List<LocalCluster.ProcessState> stopped = cluster.stop(Duration.ofSeconds(graceSeconds));
        if (stopped.isEmpty()) System.out.println("cluster: nothing running");
        for (LocalCluster.ProcessState p : stopped) System.out.println("stopped " + p.name() + " (pid " + p.pid() + ")");
        Path root = cluster.layout().root();
        if (clean && Files.exists(root)) {
            try (var s = Files.walk(root)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            } catch (IOException e) {
                throw new IOException("cannot delete " + root + ": " + e.getMessage(), e);
            }
            System.out.println("deleted " + root);
        } else if (Files.exists(root)) {
            System.out.println("logs and checkpoints kept in " + root + " (--clean deletes them)");
        }
        return 0;
    }
}
