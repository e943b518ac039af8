package io.tsfm.lab.cluster;

import io.tsfm.lab.TsfmHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the local standalone Flink cluster keeps its state, under {@code .tsfm/cluster} in the checkout:
 * {@code conf/} (the Flink 2 {@code config.yaml} and the log4j configuration every process is started with),
 * {@code pids/} (one file per process: {@code jobmanager.pid}, {@code taskmanager-N.pid}), {@code log/} (each process's
 * log and stdout), {@code checkpoints/} (retained checkpoints, for restarting a job from its last one) and {@code tmp/}
 * (Flink's working files). Immutable.
 */
public final class ClusterLayout {
    private final Path root;

    /** A layout rooted at {@code root}. */
    public ClusterLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The layout of the checkout the command runs in ({@code .tsfm/cluster}). */
    public static ClusterLayout ofHome() {
        return new ClusterLayout(TsfmHome.require().resolve(".tsfm").resolve("cluster"));
    }

    public Path root() {
        return root;
    }

    public Path confDir() {
        return root.resolve("conf");
    }

    public Path configFile() {
        return confDir().resolve("config.yaml");
    }

    public Path log4jFile() {
        return confDir().resolve("log4j.properties");
    }

    public Path pidDir() {
        return root.resolve("pids");
    }

    public Path logDir() {
        return root.resolve("log");
    }

    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    public Path tmpDir() {
        return root.resolve("tmp");
    }

    /** The pid file of a process ({@code jobmanager}, {@code taskmanager-1}, ...). */
    public Path pidFile(String process) {
        return pidDir().resolve(process + ".pid");
    }

    /** The names of the processes that have a pid file, the job manager first. */
    public List<String> processesWithPidFiles() {
        if (!Files.isDirectory(pidDir())) return List.of();
        try (var s = Files.list(pidDir())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pid"))
                    .map(n -> n.substring(0, n.length() - 4))
                    .sorted((a, b) -> a.equals("jobmanager") ? -1 : b.equals("jobmanager") ? 1 : a.compareTo(b))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The REST port written in the cluster's {@code config.yaml}, if it has one. */
    public Optional<Integer> restPort() {
        return configInt(ClusterSettings.REST_PORT_KEY);
    }

    /** The number of task managers the last {@code cluster start} wrote into the configuration, if any. */
    public Optional<Integer> taskManagers() {
        return configInt(ClusterSettings.TASK_MANAGERS_KEY);
    }

    private Optional<Integer> configInt(String key) {
        if (!Files.isRegularFile(configFile())) return Optional.empty();
        try {
            for (String line : Files.readAllLines(configFile())) {
                if (line.startsWith(key + ":")) {
                    return Optional.of(Integer.parseInt(line.substring(line.indexOf(':') + 1).trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * The checkpoint directory of the checkout's local cluster when {@code hostPort} is that cluster's REST endpoint
     * (a job submitted there keeps its checkpoints where {@code --restore-from} can find them); empty for any other
     * cluster, whose own configuration decides.
     */
    public static Optional<Path> localCheckpointsFor(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon);
        if (!List.of("localhost", "127.0.0.1", "[::1]", "::1").contains(host)) return Optional.empty();
        Optional<ClusterLayout> layout = TsfmHome.find().map(h -> new ClusterLayout(h.resolve(".tsfm").resolve("cluster")));
        if (layout.isEmpty()) return Optional.empty();
        int port = Integer.parseInt(hostPort.substring(colon + 1));
        return layout.get().restPort().filter(p -> p == port).map(p -> layout.get().checkpoints());
    }
}
