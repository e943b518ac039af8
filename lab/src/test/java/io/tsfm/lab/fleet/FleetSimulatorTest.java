package io.tsfm.lab.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.tsfm.core.data.Session;
import io.tsfm.edge.frame.ImuFrameCodec;
import io.tsfm.edge.kafka.KafkaSettings;
import io.tsfm.edge.source.Pacer;
import io.tsfm.edge.testing.Hapt;
import io.tsfm.edge.testing.WireConsumer;
import io.tsfm.lab.kafka.EmbeddedKafka;
import io.tsfm.schemas.Topics;
import io.tsfm.schemas.WireFormat;
import io.tsfm.schemas.avro.ChannelLayout;
import io.tsfm.schemas.avro.ImuFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The fleet simulator's imperfections, measured on what a consumer reads back from a real broker: drop and
 * duplicate proportions, clock offsets and drifts (by regression of the timestamps), jitter, and bursts after
 * reconnections, against the configured values and the simulator's own record of what it did.
 */
class FleetSimulatorTest {
    private static final long START = 1_700_000_000_000_000L;
    private static final long FRAME_MICROS = 200_000;

    @Test
    void imperfectionsReachTheWireInTheConfiguredProportions() throws Exception {
        List<Session> sessions = Hapt.dataset().sessions().subList(0, 60);
        Imperfections imp = new Imperfections(5.0, 200, 3.0, 0.04, 0.03, 40, 6);
        int devices = 8;
        FleetReport report;
        List<ConsumerRecord<byte[], byte[]>> records;
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().optNumPartitions(4).build()) {
            kafka.createTopics(Topics.IMU_FRAMES);
            KafkaSettings settings = KafkaSettings.builder().setBootstrapServers(kafka.bootstrapServers()).build();
            try (KafkaFleetSink sink = new KafkaFleetSink(settings, Topics.IMU_FRAMES)) {
                report = FleetSimulator.builder().setSessions(sessions).setSink(sink).optDevices(devices).optSeconds(300)
                        .optPacer(Pacer.unpaced()).optImperfections(imp).optSeed(11).optStartMicros(START).build().run();
            }
            records = WireConsumer.readAll(kafka.bootstrapServers(), Topics.IMU_FRAMES);
        }
        System.out.println(report.summary());
        assertThat(report.stoppedBy()).isEqualTo("seconds");
        assertThat(report.sendFailures()).isZero();
        assertThat(records).hasSize((int) report.framesSent());
        assertThat(report.framesGenerated()).isEqualTo(devices * 1500L);

        Map<String, List<ImuFrame>> byDevice = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            ImuFrame f = WireFormat.IMU_FRAME.decode(r.value());
            byDevice.computeIfAbsent(f.getDeviceId(), d -> new ArrayList<>()).add(f);
        }
        Map<String, DeviceTruth> truth = new HashMap<>();
        report.devices().forEach(t -> truth.put(t.deviceId(), t));
        assertThat(byDevice.keySet()).containsExactlyInAnyOrderElementsOf(truth.keySet());

        long repeats = 0, missing = 0, eligible = 0, burstRecords = 0;
        double jitterSq = 0;
        long jitterN = 0;
        for (var e : byDevice.entrySet()) {
            DeviceTruth t = truth.get(e.getKey());
            Map<Long, ImuFrame> first = new LinkedHashMap<>();
            for (ImuFrame f : e.getValue()) {
                if (first.putIfAbsent(f.getSequence(), f) != null) repeats++;
                // a frame held through a disconnection leaves well after its last sample (its normal delay is one
                // frame, give or take 3 standard deviations of jitter and the drift)
                long delay = f.getSentAtEpochMicros() - f.getFirstSampleEpochMicros();
                if (delay > FRAME_MICROS + 20_000 + 9_000) burstRecords++;
                assertThat(f.getLayout() instanceof ChannelLayout).as("inline layout on frame %d", f.getSequence())
                        .isEqualTo(f.getSequence() % 50 == 0);
            }
            long lost = t.framesGenerated() - first.size();
            assertThat(lost).as("%s: sequence gaps are the dropped frames", e.getKey()).isEqualTo(t.framesDropped());
            assertThat(first).as("frames carrying the layout are never dropped").containsKeys(0L, 50L, 100L);
            missing += lost;
            eligible += t.framesGenerated() - (t.framesGenerated() + 49) / 50;

            // least squares of stamp on sequence: slope = frame length x (1 + drift), intercept = start + offset
            double n = first.size(), sx = 0, sy = 0, sxx = 0, sxy = 0;
            for (ImuFrame f : first.values()) {
                double x = f.getSequence();
                double y = f.getFirstSampleEpochMicros() - START;
                sx += x; sy += y; sxx += x * x; sxy += x * y;
            }
            double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
            double intercept = (sy - slope * sx) / n;
            double drift = (slope / FRAME_MICROS - 1) * 1e6;
            assertThat(drift).as("%s drift, ppm", e.getKey()).isCloseTo(t.driftPpm(), offset(10.0));
            assertThat(intercept).as("%s clock offset, µs", e.getKey()).isCloseTo(t.clockOffsetMicros(), offset(2000.0));
            assertThat(Math.abs(t.driftPpm())).isLessThanOrEqualTo(200);
            assertThat(Math.abs(t.clockOffsetMicros())).isLessThanOrEqualTo(5_000_000);
            for (ImuFrame f : first.values()) {
                double residual = f.getFirstSampleEpochMicros() - START - (intercept + slope * f.getSequence());
                jitterSq += residual * residual;
                jitterN++;
            }
        }
        double dropped = (double) missing / eligible;
        double duplicated = (double) repeats / report.framesGenerated();
        double jitterMs = Math.sqrt(jitterSq / jitterN) / 1000;
        System.out.printf("measured on the wire: %.2f%% dropped (of frames eligible), %.2f%% duplicated, jitter %.2f ms, "
                + "%d records sent in bursts after %d disconnects%n", 100 * dropped, 100 * duplicated, jitterMs,
                burstRecords, report.disconnects());
        assertThat(repeats).isEqualTo(report.framesDuplicated());
        assertThat(missing).isEqualTo(report.framesDropped());
        assertThat(dropped).isCloseTo(imp.dropRate(), offset(4 * Math.sqrt(0.04 * 0.96 / eligible)));
        assertThat(duplicated).isCloseTo(imp.duplicateRate(), offset(4 * Math.sqrt(0.03 * 0.97 / report.framesGenerated())));
        // a normal error cut at 3 standard deviations has 0.9865 of its standard deviation
        assertThat(jitterMs).isCloseTo(0.9865 * imp.jitterMillis(), offset(0.1 * imp.jitterMillis()));
        // 40 an hour for 8 x 300 s: about 27 disconnects
        assertThat(report.disconnects()).isBetween(10L, 50L);
        // the last frame held before a reconnection can leave too soon after it to be told apart by its delay
        assertThat(burstRecords).isBetween(report.framesInBursts() - report.disconnects(), report.framesInBursts());
        assertThat(report.framesInBursts()).isGreaterThan(report.disconnects() * 10);
    }

    @Test
    void perfectDevicesReplayTheRecordingsBoundedInTimeAndCount() throws Exception {
        List<Session> sessions = Hapt.dataset().sessions().subList(0, 4);
        CollectingSink sink = new CollectingSink();
        FleetReport byTime = FleetSimulator.builder().setSessions(sessions).setSink(sink).optDevices(2).optSeconds(10)
                .optPacer(Pacer.of(20)).optImperfections(Imperfections.none()).optStartMicros(START).build().run();
        assertThat(byTime.stoppedBy()).isEqualTo("seconds");
        assertThat(byTime.wallSeconds()).as("10 s of event time at 20x real time").isGreaterThanOrEqualTo(0.45);
        assertThat(sink.frames).hasSize(100);
        // device 1 starts at session 2 (4 sessions dealt over 2 devices): its frames are that recording, unchanged
        Session s = sessions.get(2);
        List<ImuFrame> device1 = sink.frames.stream().filter(f -> f.getDeviceId().equals("sim-1")).toList();
        assertThat(device1).hasSize(50);
        for (int k = 0; k < 50; k++) {
            ImuFrame f = device1.get(k);
            assertThat(f.getSequence()).isEqualTo(k);
            assertThat(f.getFirstSampleEpochMicros()).isEqualTo(START + k * FRAME_MICROS);
            assertThat(f.getSentAtEpochMicros()).isEqualTo(START + (k + 1) * FRAME_MICROS);
            float[][] samples = ImuFrameCodec.channelMajor(f);
            for (int c = 0; c < samples.length; c++) {
                assertThat(samples[c]).containsExactly(java.util.Arrays.copyOfRange(s.samples()[c], k * 10, k * 10 + 10));
            }
        }
        CollectingSink capped = new CollectingSink();
        FleetReport byCount = FleetSimulator.builder().setSessions(sessions).setSink(capped).optDevices(3).optSeconds(0)
                .optMaxFrames(77).optPacer(Pacer.unpaced()).optImperfections(Imperfections.none()).build().run();
        assertThat(byCount.stoppedBy()).isEqualTo("frames");
        assertThat(capped.frames).hasSize(77);
        assertThat(byCount.framesSent()).isEqualTo(77);
    }
}
