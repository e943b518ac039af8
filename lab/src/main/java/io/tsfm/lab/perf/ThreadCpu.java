package io.tsfm.lab.perf;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * CPU time of this JVM's threads over an interval, grouped by the role a thread's name gives it (Flink task, Kafka
 * broker, ...). Per-thread CPU time from the JVM, native code included (ONNX Runtime runs in the Flink task threads
 * with one intra-op thread). Threads are polled every {@value #POLL_MILLIS} ms, so a thread that ends inside the
 * interval (a finished job's tasks) counts up to its last poll. {@link #start} and {@link #stop} from one thread.
 */
public final class ThreadCpu {
    private static final long POLL_MILLIS = 100;

    /** What a thread does, from its name. */
    public enum Role {
        FLINK_TASKS,
        KAFKA_CLIENTS,
        KAFKA_BROKER,
        FLINK_RUNTIME,
        HARNESS,
        OTHER;

        /** One line for the report. */
        public String description() {
            return switch (this) {
                case FLINK_TASKS -> "Flink task threads (decode, windowing, inference, sinks)";
                case KAFKA_CLIENTS ->
                        "Kafka clients (the job's source fetchers and transactional producers, the harness' consumer)";
                case KAFKA_BROKER -> "Kafka broker (request handlers, network, log, controller)";
                case FLINK_RUNTIME -> "Flink runtime (JobManager, checkpoints incl. async snapshots, RPC, network)";
                case HARNESS -> "load generator and harness (fleet simulator, main thread)";
                case OTHER -> "other threads (the JIT compiler and GC are not Java threads and are not counted)";
            };
        }
    }

    // Flink names a task thread "<operator chain> (<subtask>/<parallelism>)#<attempt>"
    private static final Pattern FLINK_TASK = Pattern.compile(".*\\(\\d+/\\d+\\)#\\d+$");

    private final ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> startNanos = new HashMap<>();
    /** Per thread id: its name and CPU nanoseconds at the last poll; written by the poller, read after it stops. */
    private final Map<Long, Sample> last = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ScheduledExecutorService poller;

    private record Sample(String name, long cpuNanos) {}

    private ThreadCpu() {
        if (!bean.isThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM does not measure thread CPU time");
        }
        if (!bean.isThreadCpuTimeEnabled()) bean.setThreadCpuTimeEnabled(true);
        for (long id : bean.getAllThreadIds()) {
            long t = bean.getThreadCpuTime(id);
            if (t >= 0) startNanos.put(id, t);
        }
        poller = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "thread-cpu-poller");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleAtFixedRate(this::poll, POLL_MILLIS, POLL_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void poll() {
        long[] ids = bean.getAllThreadIds();
        ThreadInfo[] infos = bean.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long t = bean.getThreadCpuTime(ids[i]);
            if (t >= 0 && infos[i] != null) last.put(ids[i], new Sample(infos[i].getThreadName(), t));
        }
    }

    /** Starts measuring now. */
    public static ThreadCpu start() {
        return new ThreadCpu();
    }

    /** CPU seconds per role since {@link #start}, with the busiest thread names of each role. */
    public Result stop() {
        poller.shutdown();
        try {
            if (!poller.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("the thread CPU poller did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the thread CPU poller", e);
        }
        poll();
        Map<Role, Double> seconds = new EnumMap<>(Role.class);
        Map<Role, Map<String, Double>> byName = new EnumMap<>(Role.class);
        for (Map.Entry<Long, Sample> e : last.entrySet()) {
            if (e.getValue().name().equals("thread-cpu-poller")) continue;
            double s = (e.getValue().cpuNanos() - startNanos.getOrDefault(e.getKey(), 0L)) / 1e9;
            if (s <= 0) continue;
            Role role = roleOf(e.getValue().name());
            seconds.merge(role, s, Double::sum);
            byName.computeIfAbsent(role, r -> new TreeMap<>()).merge(generic(e.getValue().name()), s, Double::sum);
        }
        return new Result(seconds, byName);
    }

    /** The role of a thread called {@code name}. */
    public static Role roleOf(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("source data fetcher") || n.contains("kafka-producer-network-thread")
                || n.contains("kafka-coordinator-heartbeat") || n.contains("consumer_background")
                || n.contains("consumer-network")) {
            return Role.KAFKA_CLIENTS;
        }
        if (FLINK_TASK.matcher(name).matches()) return Role.FLINK_TASKS;
        if (n.contains("kafka") || n.startsWith("broker-") || n.startsWith("controller-") || n.contains("raft")
                || n.contains("quorum") || n.contains("expirationreaper") || n.contains("throttledchannelreaper")
                || n.contains("log-cleaner") || n.contains("logdirfailurehandler") || n.contains("transaction")) {
            return Role.KAFKA_BROKER;
        }
        if (n.contains("flink") || n.contains("pekko") || n.startsWith("asyncoperations") || n.contains("jobmanager") || n.contains("checkpoint")
                || n.contains("taskmanager") || n.contains("mini-cluster") || n.contains("netty")
                || n.contains("outputflusher") || n.contains("mailbox")) {
            return Role.FLINK_RUNTIME;
        }
        if (n.equals("main") || n.startsWith("fleet") || n.startsWith("pool-")) return Role.HARNESS;
        return Role.OTHER;
    }

    /** A thread's name with its numbers dropped, so the threads of one pool add up under one name. */
    private static String generic(String name) {
        return name.replaceAll("\\d+", "N");
    }

    /**
     * CPU seconds per role over the interval.
     *
     * @param seconds per role
     * @param byName  per role, per thread name (numbers replaced by N)
     */
    public record Result(Map<Role, Double> seconds, Map<Role, Map<String, Double>> byName) {
        /** All roles' CPU seconds. */
        public double total() {
            return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** The table: one line per role with its share and its two busiest thread names. */
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            double total = total();
            for (Role r : Role.values()) {
                double s = seconds.getOrDefault(r, 0.0);
                if (s == 0) continue;
                List<Map.Entry<String, Double>> names = new ArrayList<>(byName.get(r).entrySet());
                names.sort(Map.Entry.<String, Double>comparingByValue().reversed());
                StringBuilder top = new StringBuilder();
                for (int i = 0; i < Math.min(2, names.size()); i++) {
                    top.append(i == 0 ? "" : "; ").append(names.get(i).getKey())
                            .append(String.format(Locale.ROOT, " %.1f s", names.get(i).getValue()));
                }
                out.add(String.format(Locale.ROOT, "  %5.1f %%  %7.1f s  %s [%s]", 100 * s / total, s,
                        r.description(), top));
            }
            return out;
        }
    }
}
