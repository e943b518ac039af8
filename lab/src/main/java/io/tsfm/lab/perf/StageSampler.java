package io.tsfm.lab.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the job's threads spend their time, by pipeline stage: a Java Flight Recorder recording of this JVM's
 * execution samples (threads running Java code) and native-method samples (kept only under ONNX Runtime, where the
 * inference computes; other native samples are threads waiting in I/O), every 10 ms. A sample counts for the stage of
 * the topmost frame of this project's code on its stack (a windowing call into Flink's keyed state is windowing), else
 * of the topmost recognised library frame. JFR samples a few threads per period (one in native code), so the shares
 * are estimates, the native inference share a lower bound. Not thread-safe.
 */
public final class StageSampler implements AutoCloseable {
    /** A stage of the path from a frame record to a prediction record, or what runs beside it. */
    public enum Stage {
        DECODE,
        WINDOWING,
        PREPROCESSING,
        INFERENCE,
        SERIALIZATION,
        FLINK_STATE,
        FLINK_RUNTIME,
        KAFKA_CLIENT,
        KAFKA_BROKER,
        HARNESS,
        OTHER;

        /** One line for the report. */
        public String description() {
            return switch (this) {
                case DECODE -> "decode (Avro frame -> validated frame)";
                case WINDOWING -> "windowing (per-device assembly, its keyed state, timers)";
                case PREPROCESSING -> "preprocessing (patching, channel text)";
                case INFERENCE -> "inference (serving loop, batching, ONNX Runtime)";
                case SERIALIZATION -> "prediction and dead-letter serialization";
                case FLINK_STATE -> "Flink state and checkpoints";
                case FLINK_RUNTIME -> "Flink runtime (record exchange, mailbox, watermarks)";
                case KAFKA_CLIENT -> "Kafka clients (source fetch, transactional produce)";
                case KAFKA_BROKER -> "Kafka broker";
                case HARNESS -> "load generator and harness";
                case OTHER -> "other (JDK, JVM)";
            };
        }
    }

    private static final Duration PERIOD = Duration.ofMillis(10);

    private final Recording recording = new Recording();
    private final Predicate<String> threads;

    private StageSampler(Predicate<String> threads) {
        this.threads = threads;
        recording.enable("jdk.ExecutionSample").withPeriod(PERIOD);
        recording.enable("jdk.NativeMethodSample").withPeriod(PERIOD);
        recording.setToDisk(true);
        recording.start();
    }

    /** Starts sampling the threads whose names {@code threads} accepts. */
    public static StageSampler start(Predicate<String> threads) {
        return new StageSampler(threads);
    }

    /** Stops sampling and counts the samples per stage. */
    public Map<Stage, Integer> stop() throws IOException {
        recording.stop();
        Path file = Files.createTempFile("tsfm-stages", ".jfr");
        try {
            recording.dump(file);
            Map<Stage, Integer> counts = new EnumMap<>(Stage.class);
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                boolean nativeSample = e.getEventType().getName().equals("jdk.NativeMethodSample");
                if (e.getStackTrace() == null || e.getThread("sampledThread") == null) continue;
                String thread = e.getThread("sampledThread").getJavaName();
                if (thread == null || !threads.test(thread)) continue;
                List<String> classes = new ArrayList<>();
                for (RecordedFrame f : e.getStackTrace().getFrames()) classes.add(f.getMethod().getType().getName());
                if (nativeSample && classes.stream().noneMatch(c -> c.startsWith("ai.onnxruntime."))) continue;
                counts.merge(stageOf(classes), 1, Integer::sum);
            }
            return counts;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public void close() {
        recording.close();
    }

    /** The stage of a sample whose stack holds these classes, topmost first. */
    public static Stage stageOf(List<String> classes) {
        for (String c : classes) {
            // the generated Avro classes serve both decoding and serialization: the caller below them decides
            if (c.startsWith("io.tsfm.") && !c.startsWith("io.tsfm.schemas.")) return projectStage(c);
        }
        for (String c : classes) {
            if (c.startsWith("ai.onnxruntime.")) return Stage.INFERENCE;
            if (c.startsWith("kafka.") || c.startsWith("org.apache.kafka.server.")
                    || c.startsWith("org.apache.kafka.storage.") || c.startsWith("org.apache.kafka.raft.")
                    || c.startsWith("org.apache.kafka.controller.") || c.startsWith("org.apache.kafka.metadata.")
                    || c.startsWith("org.apache.kafka.network.") || c.startsWith("org.apache.kafka.coordinator.")) {
                return Stage.KAFKA_BROKER;
            }
        }
        for (String c : classes) {
            if (c.startsWith("org.apache.kafka.") || c.startsWith("org.apache.flink.connector.kafka.")) {
                return Stage.KAFKA_CLIENT;
            }
            if (c.startsWith("org.apache.flink.runtime.state.") || c.startsWith("org.apache.flink.runtime.checkpoint.")
                    || c.startsWith("org.apache.flink.state.")) {
                return Stage.FLINK_STATE;
            }
            if (c.startsWith("org.apache.flink.")) return Stage.FLINK_RUNTIME;
        }
        return Stage.OTHER;
    }

    private static Stage projectStage(String c) {
        if (c.startsWith("io.tsfm.job.decode.")) return Stage.DECODE;
        if (c.startsWith("io.tsfm.job.window.") || c.startsWith("io.tsfm.core.window.")) return Stage.WINDOWING;
        if (c.startsWith("io.tsfm.core.preprocess.") || c.startsWith("io.tsfm.core.data.")) {
            return Stage.PREPROCESSING;
        }
        if (c.startsWith("io.tsfm.job.kafka.")) return Stage.SERIALIZATION;
        if (c.startsWith("io.tsfm.job.") || c.startsWith("io.tsfm.core.")) return Stage.INFERENCE;
        return Stage.HARNESS;
    }

    /** The table: one line per stage with its share of the samples. */
    public static List<String> lines(Map<Stage, Integer> counts) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        List<String> out = new ArrayList<>();
        for (Stage s : Stage.values()) {
            int n = counts.getOrDefault(s, 0);
            if (n == 0) continue;
            out.add(String.format(Locale.ROOT, "  %5.1f %%  %6d samples  %s", 100.0 * n / total, n, s.description()));
        }
        return out;
    }
}
