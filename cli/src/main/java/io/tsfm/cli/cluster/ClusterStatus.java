package io.tsfm.cli.cluster;

import io.tsfm.lab.cluster.ClusterRest;
import io.tsfm.lab.cluster.LocalCluster;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code tsfm cluster status}: the processes, what the REST endpoint reports, and the jobs. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the cluster's processes, task managers, slots and jobs. Exit code 0 when every process "
                + "runs, 3 when the cluster is down or partly down.")
public final class ClusterStatus implements Callable<Integer> {
    @Override
    public Integer call() {
        LocalCluster cluster = LocalCluster.ofHome();
        List<LocalCluster.ProcessState> processes = cluster.processes();
        if (processes.isEmpty()) {
            System.out.println("cluster: not running (no processes tracked in " + cluster.layout().pidDir() + ")");
            return 3;
        }
        for (LocalCluster.ProcessState p : processes) {
            System.out.println(String.format("%-15s pid %-8d %s", p.name(), p.pid(), p.alive() ? "running"
                    : "NOT running (see " + cluster.layout().logDir().resolve(p.name() + ".log") + ")"));
        }
        Optional<ClusterRest> rest = cluster.rest();
        Optional<ClusterRest.Overview> o = rest.flatMap(ClusterRest::overview);
        if (o.isPresent()) {
            System.out.println("REST " + rest.get().url() + ": Flink " + o.get().version() + ", "
                    + o.get().taskManagers() + " task managers, " + o.get().slotsTotal() + " slots ("
                    + o.get().slotsAvailable() + " free), " + o.get().jobsRunning() + " jobs running");
            for (ClusterRest.Job j : rest.get().jobs()) {
                System.out.println("  job " + j.id() + "  " + j.state() + "  " + j.name());
            }
        } else {
            System.out.println("REST endpoint " + rest.map(ClusterRest::url).orElse("(unknown)") + " not answering");
        }
        return processes.stream().allMatch(LocalCluster.ProcessState::alive) && o.isPresent() ? 0 : 3;
    }
}
