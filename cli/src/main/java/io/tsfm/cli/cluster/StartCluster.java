package io.tsfm.cli.cluster;

import io.tsfm.lab.cluster.ClusterLayout;
import io.tsfm.lab.cluster.ClusterRest;
import io.tsfm.lab.cluster.ClusterSettings;
import io.tsfm.lab.cluster.LocalCluster;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tsfm cluster start}: starts the job manager and the task managers and waits until they are up. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Start the cluster (job manager + task managers, each its own process) and wait until every "
                + "task manager has registered. On a running cluster, start again the task managers that died.")
public final class StartCluster implements Callable<Integer> {
    @Option(names = "--taskmanagers", defaultValue = "2", description = "Task manager processes (default ${DEFAULT-VALUE}).")
    int taskManagers;

    @Option(names = "--slots", defaultValue = "2", description = "Slots per task manager (default ${DEFAULT-VALUE}).")
    int slots;

    @Option(names = "--port", defaultValue = "8081", description = "REST port on localhost (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--rpc-port", defaultValue = "6123", description = "Job manager RPC port (default ${DEFAULT-VALUE}).")
    int rpcPort;

    @Option(names = "--jobmanager-mb", defaultValue = "1024", description = "Job manager process memory, MiB (default ${DEFAULT-VALUE}).")
    int jobManagerMb;

    @Option(names = "--taskmanager-mb", defaultValue = "2048", description = "Task manager process memory, MiB (default ${DEFAULT-VALUE}).")
    int taskManagerMb;

    @Option(names = "--timeout", defaultValue = "90", description = "Seconds to wait for the cluster (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        LocalCluster cluster = LocalCluster.ofHome();
        if (cluster.processes().stream().anyMatch(LocalCluster.ProcessState::alive)) {
            // already running: bring back what died (a crashed or killed task manager), leave the rest alone
            List<String> restarted = cluster.restartLostTaskManagers(Duration.ofSeconds(timeoutSeconds));
            System.out.println(restarted.isEmpty() ? "cluster: already running, every task manager up"
                    : "cluster: already running; restarted " + String.join(", ", restarted));
            for (LocalCluster.ProcessState p : cluster.processes()) {
                System.out.println("  " + p.name() + "  pid " + p.pid() + (p.alive() ? "" : "  (not running)"));
            }
            return 0;
        }
        ClusterSettings settings = new ClusterSettings(taskManagers, slots, port, rpcPort, jobManagerMb, taskManagerMb);
        System.err.println("cluster: starting a job manager and " + taskManagers + " task managers ...");
        ClusterRest rest = cluster.start(settings, Duration.ofSeconds(timeoutSeconds));
        ClusterRest.Overview o = rest.overview().orElseThrow();
        System.out.println("Flink " + o.version() + " standalone cluster up: " + o.taskManagers() + " task managers, "
                + o.slotsTotal() + " slots");
        for (LocalCluster.ProcessState p : cluster.processes()) {
            System.out.println("  " + p.name() + "  pid " + p.pid());
        }
        ClusterLayout l = cluster.layout();
        if (rest.servesDashboard()) System.out.println("  web dashboard: " + rest.url() + "/");
        System.out.println("  REST API: " + rest.url() + "  (e.g. " + rest.url() + "/overview)");
        System.out.println("  config: " + l.configFile() + "; logs: " + l.logDir() + "; checkpoints: " + l.checkpoints());
        System.out.println("  submit: ./tsfm job --cluster localhost:" + port + " --bootstrap-servers HOST:PORT");
        System.out.println("  stop:   ./tsfm cluster stop");
        return 0;
    }
}
