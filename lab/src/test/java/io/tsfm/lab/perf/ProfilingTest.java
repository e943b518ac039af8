package io.tsfm.lab.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfilingTest {
    /**
     * Burns {@code cpuSeconds} of its own CPU time (not wall time, so a loaded machine only makes it take longer),
     * running this class's code whenever something samples it.
     */
    private static Thread burner(String name, double cpuSeconds) {
        Thread t = new Thread(() -> {
            java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
            long until = bean.getCurrentThreadCpuTime() + (long) (cpuSeconds * 1e9);
            double x = 0;
            while (bean.getCurrentThreadCpuTime() < until) {
                for (int i = 0; i < 100_000; i++) x += Math.sqrt(i + x % 7);
            }
            if (x == 42) System.out.println(x); // keeps the loop from being optimised away
        }, name);
        t.start();
        return t;
    }

    @Test
    void threadCpuCountsAThreadThatEndedInsideTheIntervalUnderTheRoleItsNameGives() throws Exception {
        ThreadCpu cpu = ThreadCpu.start();
        Thread task = burner("windows 6000/2000 ms (1/2)#0", 0.5);
        task.join();
        ThreadCpu.Result r = cpu.stop();
        // a Flink-named task thread, ended before stop: its 0.5 s counted up to the poller's last look (100 ms before)
        assertThat(r.seconds().get(ThreadCpu.Role.FLINK_TASKS)).isBetween(0.3, 0.7);
        assertThat(r.byName().get(ThreadCpu.Role.FLINK_TASKS)).containsKey("windows N/N ms (N/N)#N");
        assertThat(r.lines()).anySatisfy(l -> assertThat(l).contains("Flink task threads"));
    }

    @Test
    void threadNamesOfTheRealComponentsMapToTheirRoles() {
        assertThat(ThreadCpu.roleOf("data-plane-kafka-request-handler-0")).isEqualTo(ThreadCpu.Role.KAFKA_BROKER);
        assertThat(ThreadCpu.roleOf("kafka-1-raft-io-thread")).isEqualTo(ThreadCpu.Role.KAFKA_BROKER);
        assertThat(ThreadCpu.roleOf("Source Data Fetcher for Source: frames: t.frames -> route frames (1/2)#0"))
                .isEqualTo(ThreadCpu.Role.KAFKA_CLIENTS);
        assertThat(ThreadCpu.roleOf("kafka-producer-network-thread | producer-3")).isEqualTo(ThreadCpu.Role.KAFKA_CLIENTS);
        assertThat(ThreadCpu.roleOf("inference -> predictions: p: Writer -> predictions: p: Committer (2/2)#0"))
                .isEqualTo(ThreadCpu.Role.FLINK_TASKS);
        assertThat(ThreadCpu.roleOf("flink-pekko.actor.default-dispatcher-5")).isEqualTo(ThreadCpu.Role.FLINK_RUNTIME);
        assertThat(ThreadCpu.roleOf("AsyncOperations-thread-3")).isEqualTo(ThreadCpu.Role.FLINK_RUNTIME);
        assertThat(ThreadCpu.roleOf("main")).isEqualTo(ThreadCpu.Role.HARNESS);
    }

    @Test
    void aSampleCountsForTheTopmostProjectFrameElseTheTopmostKnownLibrary() {
        // windowing that calls into Flink's keyed state is windowing
        assertThat(StageSampler.stageOf(List.of("org.apache.flink.runtime.state.heap.CopyOnWriteStateMap",
                "io.tsfm.job.window.DeviceWindower", "org.apache.flink.streaming.runtime.tasks.StreamTask")))
                .isEqualTo(StageSampler.Stage.WINDOWING);
        assertThat(StageSampler.stageOf(List.of("org.apache.avro.io.BinaryDecoder", "io.tsfm.job.decode.FrameDecoder")))
                .isEqualTo(StageSampler.Stage.DECODE);
        assertThat(StageSampler.stageOf(List.of("ai.onnxruntime.OrtSession", "io.tsfm.core.runtime.OnnxWindowClassifier",
                "io.tsfm.core.serving.ServingLoop"))).isEqualTo(StageSampler.Stage.INFERENCE);
        assertThat(StageSampler.stageOf(List.of("org.apache.avro.io.BinaryEncoder",
                "io.tsfm.job.kafka.PredictionSerializer"))).isEqualTo(StageSampler.Stage.SERIALIZATION);
        // the generated Avro classes are used both ways: the caller below them decides
        assertThat(StageSampler.stageOf(List.of("io.tsfm.schemas.avro.ImuFrame", "io.tsfm.job.decode.FrameDecoder")))
                .isEqualTo(StageSampler.Stage.DECODE);
        assertThat(StageSampler.stageOf(List.of("io.tsfm.schemas.avro.Prediction",
                "io.tsfm.job.kafka.PredictionSerializer"))).isEqualTo(StageSampler.Stage.SERIALIZATION);
        assertThat(StageSampler.stageOf(List.of("org.apache.kafka.common.record.MemoryRecords",
                "org.apache.kafka.clients.producer.KafkaProducer"))).isEqualTo(StageSampler.Stage.KAFKA_CLIENT);
        assertThat(StageSampler.stageOf(List.of("org.apache.kafka.common.record.MemoryRecords",
                "kafka.server.KafkaApis"))).isEqualTo(StageSampler.Stage.KAFKA_BROKER);
        assertThat(StageSampler.stageOf(List.of("org.apache.flink.runtime.checkpoint.CheckpointCoordinator")))
                .isEqualTo(StageSampler.Stage.FLINK_STATE);
        assertThat(StageSampler.stageOf(List.of("java.util.HashMap"))).isEqualTo(StageSampler.Stage.OTHER);
    }

    @Test
    void aRealFlightRecordingSamplesTheChosenThreadsOnly() throws Exception {
        // JFR's sampler thread needs CPU itself: on a loaded machine a round of 2 CPU seconds got exactly 20 samples
        // (a CI run beside two training runs), so rounds are added until there are enough to judge the shares
        Map<StageSampler.Stage, Integer> counts = new EnumMap<>(StageSampler.Stage.class);
        int rounds = 0;
        while (total(counts) <= 20 && rounds < 10) {
            rounds++;
            try (StageSampler sampler = StageSampler.start(n -> n.equals("sampled-burner"));
                 StageSampler none = StageSampler.start(n -> false)) {
                Thread sampled = burner("sampled-burner", 2);
                Thread other = burner("not-sampled", 0.5);
                sampled.join();
                other.join();
                sampler.stop().forEach((stage, n) -> counts.merge(stage, n, Integer::sum));
                assertThat(none.stop()).isEmpty();
            }
        }
        // 2 s of CPU sampled every 10 ms is about 200 samples; the burner runs this test class's code (io.tsfm.lab...),
        // the harness stage
        int total = total(counts);
        assertThat(total).as("samples after %d rounds", rounds).isGreaterThan(20);
        assertThat(counts.getOrDefault(StageSampler.Stage.HARNESS, 0)).isGreaterThan(total / 2);
        assertThat(StageSampler.lines(counts)).anySatisfy(l -> assertThat(l).contains("load generator and harness"));
    }

    private static int total(Map<StageSampler.Stage, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
