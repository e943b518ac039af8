package io.tsfm.lab.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of the local cluster and the Flink 2 {@code config.yaml} it runs with: everything bound to localhost,
 * the REST endpoint on {@code restPort}, slots spread evenly over the task managers (so a job of parallelism 2 runs on
 * both, and killing one takes part of it down), fast failure detection (2 s heartbeats, 10 s timeout) and a fixed-delay restart strategy,
 * file system checkpoints kept on cancellation under the layout's {@code checkpoints/}, little managed memory (the job
 * keeps its state on the heap), and ONNX Runtime and DJL loaded parent-first (their JNI libraries can live in one
 * class loader only, and a restarted job gets a new one). Immutable.
 *
 * @param taskManagers  number of task manager processes
 * @param slots         slots per task manager
 * @param restPort      REST endpoint port (8081 as Flink's default)
 * @param rpcPort       job manager RPC port
 * @param jobManagerMb  job manager process memory, MiB
 * @param taskManagerMb task manager process memory, MiB
 */
public record ClusterSettings(int taskManagers, int slots, int restPort, int rpcPort, int jobManagerMb,
                              int taskManagerMb) {
    /** The key the REST port is written under (read back by {@link ClusterLayout#restPort()}). */
    static final String REST_PORT_KEY = "rest.port";
    /** A comment line recording how many task managers the cluster has (read back by {@link ClusterLayout}). */
    static final String TASK_MANAGERS_KEY = "# tsfm.taskmanagers";

    public ClusterSettings {
        if (taskManagers < 1 || slots < 1) throw new IllegalArgumentException("need at least 1 task manager and 1 slot");
        if (jobManagerMb < 768 || taskManagerMb < 1024) {
            throw new IllegalArgumentException("job manager needs >= 768 MiB, task manager >= 1024 MiB");
        }
    }

    /** Two task managers of two slots, REST on 8081. */
    public static ClusterSettings defaults() {
        return new ClusterSettings(2, 2, 8081, 6123, 1024, 2048);
    }

    /** Writes {@code conf/config.yaml} and {@code conf/log4j.properties} under {@code layout}. */
    public void write(ClusterLayout layout) throws IOException {
        Files.createDirectories(layout.confDir());
        Files.createDirectories(layout.checkpoints());
        Files.createDirectories(layout.tmpDir());
        Files.createDirectories(layout.logDir());
        List<String> c = new ArrayList<>();
        c.add("# written by ./tsfm cluster start; rewritten on every start");
        c.add(TASK_MANAGERS_KEY + ": " + taskManagers);
        c.add("jobmanager.rpc.address: localhost");
        c.add("jobmanager.rpc.port: " + rpcPort);
        c.add("jobmanager.bind-host: localhost");
        c.add("jobmanager.memory.process.size: " + jobManagerMb + "m");
        c.add("taskmanager.host: localhost");
        c.add("taskmanager.bind-host: localhost");
        c.add("taskmanager.numberOfTaskSlots: " + slots);
        c.add("taskmanager.memory.process.size: " + taskManagerMb + "m");
        c.add("taskmanager.memory.managed.size: 64m");
        c.add("parallelism.default: " + Math.min(slots * taskManagers, 2));
        c.add(REST_PORT_KEY + ": " + restPort);
        c.add("rest.address: localhost");
        c.add("rest.bind-address: localhost");
        c.add("io.tmp.dirs: " + layout.tmpDir());
        c.add("blob.storage.directory: " + layout.tmpDir().resolve("blobs"));
        c.add("taskmanager.load-balance.mode: SLOTS");
        c.add("heartbeat.interval: 2000");
        c.add("heartbeat.timeout: 10000");
        c.add("restart-strategy.type: fixed-delay");
        c.add("restart-strategy.fixed-delay.attempts: 1000");
        c.add("restart-strategy.fixed-delay.delay: 1 s");
        c.add("state.backend.type: hashmap");
        c.add("execution.checkpointing.storage: filesystem");
        c.add("execution.checkpointing.dir: " + layout.checkpoints().toUri());
        c.add("execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION");
        c.add("execution.checkpointing.num-retained: 3");
        c.add("classloader.parent-first-patterns.additional: [ai.onnxruntime., ai.djl.]");
        Files.write(layout.configFile(), c);

        Files.write(layout.log4jFile(), List.of(
                "# every Flink process logs to the file named by -Dlog.file",
                "monitorInterval = 30",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = MainAppender",
                "logger.kafka.name = org.apache.kafka",
                "logger.kafka.level = WARN",
                "logger.pekko.name = org.apache.pekko",
                "logger.pekko.level = WARN",
                "appender.main.name = MainAppender",
                "appender.main.type = File",
                "appender.main.append = true",
                "appender.main.fileName = ${sys:log.file}",
                "appender.main.layout.type = PatternLayout",
                "appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n"));
    }
}
