package io.tsfm.lab.cluster;

import io.tsfm.lab.TsfmHome;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * A real standalone Flink session cluster on this machine: a job manager
 * ({@code StandaloneSessionClusterEntrypoint}) and task managers ({@code TaskManagerRunner}), each a separate JVM
 * started from the Maven artifacts (the class path the build writes to {@code cli/target/flink-cluster-classpath.txt})
 * with {@code --configDir} holding the {@code config.yaml} of {@link ClusterSettings}, the JVM memory flags Flink's own
 * start scripts compute from it, and the {@code --add-opens} flags Flink needs on Java 17. Processes are detached
 * (their own session, stdin from /dev/null), tracked by pid files, and log to files, all under a
 * {@link ClusterLayout}. Not thread-safe: one command at a time.
 */
public final class LocalCluster {
    static final String JOB_MANAGER_MAIN = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASK_MANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    static final String JOB_MANAGER = "jobmanager";

    /** The JVM flags of Flink's default configuration (env.java.opts.all) for Java 17. */
    private static final List<String> JAVA_17_FLAGS = List.of("-XX:+IgnoreUnrecognizedVMOptions",
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private final ClusterLayout layout;
    private final Path classpathFile;

    /**
     * @param layout        where the cluster's state lives
     * @param classpathFile the Flink class path, one line of {@code :}-separated jars
     */
    public LocalCluster(ClusterLayout layout, Path classpathFile) {
        this.layout = layout;
        this.classpathFile = classpathFile;
    }

    /** The cluster of the checkout the command runs in. */
    public static LocalCluster ofHome() {
        Path home = TsfmHome.require();
        return new LocalCluster(ClusterLayout.ofHome(), home.resolve("cli").resolve("target")
                .resolve("flink-cluster-classpath.txt"));
    }

    public ClusterLayout layout() {
        return layout;
    }

    /** A tracked process: its name, pid, and whether it is alive (and still the process the pid file meant). */
    public record ProcessState(String name, long pid, boolean alive) {}

    /**
     * Starts the job manager and the task managers and waits until all task managers have registered.
     *
     * @throws IllegalStateException if a process of the cluster is already running, a port is taken, or the cluster
     *                               does not come up within {@code timeout} (naming the log to read); whatever was
     *                               started is stopped again
     */
    public ClusterRest start(ClusterSettings settings, Duration timeout) throws IOException, InterruptedException {
        List<ProcessState> running = processes().stream().filter(ProcessState::alive).toList();
        if (!running.isEmpty()) {
            throw new IllegalStateException("the cluster is already running (" + running + "); ./tsfm cluster stop "
                    + "first");
        }
        deletePidFiles();
        requireFree(settings.restPort(), "REST");
        requireFree(settings.rpcPort(), "job manager RPC");
        settings.write(layout);
        ClusterRest rest = new ClusterRest("localhost", settings.restPort());
        try {
            launch(JOB_MANAGER, JOB_MANAGER_MAIN, jobManagerMemory(), List.of());
            // task managers started before the job manager listens retry only every 10 s: wait for it first
            awaitTaskManagers(rest, 0, timeout);
            for (int i = 1; i <= settings.taskManagers(); i++) startTaskManager(i);
            awaitTaskManagers(rest, settings.taskManagers(), timeout);
            return rest;
        } catch (IOException | RuntimeException | InterruptedException e) {
            stop(Duration.ofSeconds(10));
            throw e;
        }
    }

    /**
     * For a cluster that is already running: starts again every task manager of it that is not running (one that
     * crashed or was killed) and waits until all have registered. Returns the names of those it started; empty when
     * all were up.
     *
     * @throws IllegalStateException when the job manager is not running (then {@code stop} and {@code start} again),
     *                               or a restarted task manager does not come up within {@code timeout}
     */
    public List<String> restartLostTaskManagers(Duration timeout) throws IOException, InterruptedException {
        if (state(JOB_MANAGER).map(ProcessState::alive).orElse(false) == Boolean.FALSE) {
            throw new IllegalStateException("the job manager is not running, only " + processes().stream()
                    .filter(ProcessState::alive).map(ProcessState::name).toList() + ": ./tsfm cluster stop, then "
                    + "./tsfm cluster start");
        }
        int expected = layout.taskManagers().orElseThrow(() -> new IllegalStateException("no task manager count in "
                + layout.configFile() + " (written by an older ./tsfm): ./tsfm cluster stop, then start"));
        List<String> started = new ArrayList<>();
        for (int i = 1; i <= expected; i++) {
            String name = "taskmanager-" + i;
            if (!state(name).map(ProcessState::alive).orElse(false)) {
                deleteQuietly(layout.pidFile(name));
                startTaskManager(i);
                started.add(name);
            }
        }
        if (!started.isEmpty()) {
            ClusterRest rest = new ClusterRest("localhost", layout.restPort().orElseThrow());
            awaitRegistered(rest, started, timeout);
        }
        return started;
    }

    /** Waits until every task manager named has registered (a lost one may still be listed until it times out). */
    private void awaitRegistered(ClusterRest rest, List<String> names, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> ids = rest.taskManagers().stream().map(ClusterRest.TaskManager::id).toList();
            // registered anew: the restarted processes' resource ids, each with all slots free or in use afresh
            if (ids.containsAll(names) && processes().stream().filter(p -> names.contains(p.name()))
                    .allMatch(ProcessState::alive)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("restarted " + names + " but they did not register within "
                        + timeout.toSeconds() + " s (registered: " + ids + "); see the logs in " + layout.logDir());
            }
            Thread.sleep(250);
        }
    }

    /**
     * Starts task manager {@code index} (again, after {@link #killTaskManager}) with the written configuration; it
     * registers under the resource id {@code taskmanager-<index>}, so the REST API's task managers name the process.
     */
    public long startTaskManager(int index) throws IOException {
        String name = "taskmanager-" + index;
        return launch(name, TASK_MANAGER_MAIN, taskManagerMemory(), List.of("-D", "taskmanager.resource-id=" + name));
    }

    /** Kills task manager {@code index} at once (SIGKILL, as a crash), waits for it to be gone, returns its pid. */
    public long killTaskManager(int index) throws InterruptedException {
        String name = "taskmanager-" + index;
        ProcessState p = state(name).filter(ProcessState::alive)
                .orElseThrow(() -> new IllegalStateException(name + " is not running"));
        ProcessHandle h = ProcessHandle.of(p.pid()).orElseThrow();
        h.destroyForcibly();
        awaitExit(h, Duration.ofSeconds(20));
        deleteQuietly(layout.pidFile(name));
        return p.pid();
    }

    /** Every process with a pid file, the job manager first. */
    public List<ProcessState> processes() {
        List<ProcessState> out = new ArrayList<>();
        for (String name : layout.processesWithPidFiles()) state(name).ifPresent(out::add);
        return out;
    }

    /** The REST endpoint of the written configuration, if the cluster was ever started here. */
    public Optional<ClusterRest> rest() {
        return layout.restPort().map(p -> new ClusterRest("localhost", p));
    }

    /**
     * Stops every tracked process: SIGTERM (Flink shuts down cleanly), then SIGKILL for any still alive after
     * {@code grace}; removes the pid files. Returns what it stopped.
     */
    public List<ProcessState> stop(Duration grace) throws InterruptedException {
        List<ProcessState> stopped = new ArrayList<>();
        List<ProcessState> all = processes();
        // task managers first, so the job manager does not try to restart jobs on a half-stopped cluster
        List<ProcessState> order = new ArrayList<>(all.stream().filter(p -> !p.name().equals(JOB_MANAGER)).toList());
        all.stream().filter(p -> p.name().equals(JOB_MANAGER)).forEach(order::add);
        for (ProcessState p : order) {
            if (p.alive()) {
                ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroy);
                stopped.add(p);
            }
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessState p : stopped) {
            Optional<ProcessHandle> h = ProcessHandle.of(p.pid());
            if (h.isEmpty()) continue;
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                h.get().onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                h.get().destroyForcibly();
                awaitExit(h.get(), Duration.ofSeconds(10));
            }
        }
        deletePidFiles();
        return stopped;
    }

    private Optional<ProcessState> state(String name) {
        Path file = layout.pidFile(name);
        long pid;
        try {
            pid = Long.parseLong(Files.readString(file).trim());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        String main = name.equals(JOB_MANAGER) ? JOB_MANAGER_MAIN : TASK_MANAGER_MAIN;
        boolean alive = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                // a reused pid is some other program: only a JVM running our main class counts
                .map(h -> h.info().arguments().map(a -> Arrays.asList(a).contains(main)).orElse(true))
                .orElse(false);
        return Optional.of(new ProcessState(name, pid, alive));
    }

    private long launch(String name, String mainClass, List<String> memory, List<String> dynamic) throws IOException {
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException("no Flink class path at " + classpathFile + ": build first (mvn -o -q "
                    + "-DskipTests package; ./tsfm does this on first use)");
        }
        Files.createDirectories(layout.pidDir());
        Files.createDirectories(layout.logDir());
        Path jvmTmp = Files.createDirectories(layout.tmpDir().resolve("jvm-" + name));
        List<String> cmd = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) cmd.add("/usr/bin/setsid"); // own session: Ctrl-C spares it
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(memoryFlags(memory));
        cmd.addAll(JAVA_17_FLAGS);
        cmd.addAll(List.of("-Dlog.file=" + layout.logDir().resolve(name + ".log"),
                "-Dlog4j.configurationFile=" + layout.log4jFile().toUri(),
                "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true", "-Djava.io.tmpdir=" + jvmTmp,
                "-classpath", Files.readString(classpathFile).trim(), mainClass,
                "--configDir", layout.confDir().toString()));
        cmd.addAll(dynamicConfigs(memory));
        cmd.addAll(dynamic);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(layout.root().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.logDir().resolve(name + ".out").toFile()))
                .redirectErrorStream(true);
        pb.environment().put("OPT_OUT_TRACKING", "true");
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process p = pb.start();
        Files.writeString(layout.pidFile(name), p.pid() + "\n");
        return p.pid();
    }

    /** {@code [jvmFlags, dynamicConfigs]} as Flink's start scripts compute them (BashJavaUtils). */
    private List<String> jobManagerMemory() {
        Configuration conf = GlobalConfiguration.loadConfiguration(layout.confDir().toString());
        JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfig(conf);
        return List.of(JobManagerProcessUtils.generateJvmParametersStr(spec, conf),
                JobManagerProcessUtils.generateDynamicConfigsStr(spec));
    }

    private List<String> taskManagerMemory() {
        Configuration conf = GlobalConfiguration.loadConfiguration(layout.confDir().toString());
        TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(conf);
        return List.of(ProcessMemoryUtils.generateJvmParametersStr(spec),
                TaskExecutorProcessUtils.generateDynamicConfigsStr(spec));
    }

    private static List<String> memoryFlags(List<String> memory) {
        return Arrays.stream(memory.get(0).trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    /** "-D k=v -D k=v" as separate arguments, the way the scripts pass them. */
    private static List<String> dynamicConfigs(List<String> memory) {
        return Arrays.stream(memory.get(1).trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    private void awaitTaskManagers(ClusterRest rest, int expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<ClusterRest.Overview> o = rest.overview();
            if (o.isPresent() && o.get().taskManagers() >= expected) return;
            for (ProcessState p : processes()) {
                if (!p.alive()) {
                    throw new IllegalStateException(p.name() + " (pid " + p.pid() + ") exited while starting; see "
                            + layout.logDir().resolve(p.name() + ".log") + " and .out");
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cluster did not come up within " + timeout.toSeconds() + " s ("
                        + o.map(v -> v.taskManagers() + " of " + expected + " task managers registered")
                        .orElse("REST " + rest.url() + " not answering") + "); see the logs in " + layout.logDir());
            }
            Thread.sleep(250);
        }
    }

    private static void awaitExit(ProcessHandle h, Duration timeout) throws InterruptedException {
        try {
            h.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("process " + h.pid() + " did not exit within " + timeout.toSeconds() + " s");
        }
    }

    private static void requireFree(int port, String what) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("localhost"))) {
            s.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException(what + " port " + port + " on localhost is taken (" + e.getMessage()
                    + "); stop what uses it, or pick another port");
        }
    }

    private void deletePidFiles() {
        for (String name : layout.processesWithPidFiles()) deleteQuietly(layout.pidFile(name));
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
