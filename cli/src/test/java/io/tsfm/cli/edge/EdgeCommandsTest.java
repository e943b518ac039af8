package io.tsfm.cli.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.cli.testing.CliRun;
import io.tsfm.core.labels.DefaultLabels;
import io.tsfm.core.serving.LabelSetEntry;
import io.tsfm.edge.labels.LabelSetStore;
import io.tsfm.job.kafka.CommittedReader;
import io.tsfm.lab.kafka.EmbeddedKafka;
import io.tsfm.schemas.Topics;
import io.tsfm.schemas.WireFormat;
import io.tsfm.schemas.avro.ImuFrame;
import io.tsfm.schemas.avro.LabelSetUpdate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tsfm fleet} and {@code tsfm edge} against a real in-process broker. */
class EdgeCommandsTest {

    /** Runs the CLI in-process; asserts its exit code and returns its stdout. */
    private static String run(int expectedExit, String... args) {
        CliRun r = CliRun.run(args);
        assertThat(r.code()).as("exit code of %s; stderr:%n%s", String.join(" ", args), r.err())
                .isEqualTo(expectedExit);
        return r.out();
    }

    @Test
    void fleetAndEdgePublishRealFramesThatDecode(@TempDir Path tmp) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build()) {
            kafka.createTopics(Topics.IMU_FRAMES, Topics.PREDICTIONS);
            String out = run(0, "fleet", "--devices", "3", "--dataset", "basicmotions", "--rate-hz", "50", "--seconds", "20",
                    "--speed", "0", "--bootstrap-servers", kafka.bootstrapServers(), "--drop", "0", "--duplicate", "0");
            assertThat(out).contains("3 devices").contains("300 recorded, 300 sent");

            Path dir = tmp.resolve("walk");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("tsfm-dataset.json"), """
                    {"name": "walk", "description": "Phone in the pocket.", "role": "user", "rate_hz": 50,
                     "channels": [{"column": "ax", "kind": "acc", "axis": "x", "unit": "g"},
                                  {"column": "ay", "kind": "acc", "axis": "y", "unit": "g"}],
                     "label_column": "activity"}
                    """);
            StringBuilder csv = new StringBuilder("ax,ay,activity\n");
            for (int i = 0; i < 500; i++) csv.append(Math.sin(i / 5.0)).append(',').append(Math.cos(i / 5.0)).append(",walking\n");
            Files.writeString(dir.resolve("walk.csv"), csv);
            Path props = tmp.resolve("client.properties");
            Files.writeString(props, "bootstrap.servers=" + kafka.bootstrapServers() + "\nlinger.ms=1\n");
            run(0, "edge", "--source", "csv", "--manifest", dir.resolve("tsfm-dataset.json").toString(), "--csv",
                    dir.resolve("walk.csv").toString(), "--device-id", "phone-7", "--kafka-config", props.toString(),
                    "--spool", tmp.resolve("spool").toString());

            List<ImuFrame> frames = readFrames(kafka.bootstrapServers());
            Set<String> devices = new HashSet<>();
            frames.forEach(f -> devices.add(f.getDeviceId()));
            assertThat(devices).containsExactlyInAnyOrder("sim-0", "sim-1", "sim-2", "phone-7");
            List<ImuFrame> phone = frames.stream().filter(f -> f.getDeviceId().equals("phone-7")).toList();
            assertThat(phone).hasSize(50);
            assertThat(phone.get(0).getSamples().get(1)).isCloseTo((float) (Math.cos(0) * 9.80665), org.assertj.core.data.Offset.offset(1e-4f));
        }
    }

    @Test
    void edgeClassifiesOnTheDeviceWithTheCommittedBundle() {
        Path bundle = Path.of("..", "models", "tsfm-micro").toAbsolutePath().normalize();
        String out = run(0, "edge", "--source", "dataset", "--dataset", "hapt", "--devices", "2", "--seconds", "20",
                "--speed", "0", "--model", bundle.toString(), "--top-k", "2");
        // 20 s per device starting now, off the 2 s grid: 7 or 8 windows lie wholly inside the data, and a window at
        // either end that misses at most 1.2 s still passes the 80% coverage rule: 7 to 9 a device
        List<String> lines = out.lines().filter(l -> l.startsWith("hapt-")).toList();
        for (String device : List.of("hapt-0 ", "hapt-1 ")) {
            assertThat(lines.stream().filter(l -> l.startsWith(device)).count()).as(out).isBetween(7L, 9L);
        }
        for (String l : lines) {
            assertThat(l).matches("hapt-[01] \\S+ \\+6000ms  \\S+ -?\\d\\.\\d{3}  \\S+ -?\\d\\.\\d{3}");
        }
    }

    @Test
    void edgeStartsFromTheLabelSetsKeptInItsStateDirUnlessTold(@TempDir Path tmp) throws Exception {
        List<String> kept = List.of("jogging", "biking", "lying_down");
        new LabelSetStore(tmp).save(List.of(LabelSetEntry.of(LabelSetUpdate.newBuilder().setLabelSetId("default")
                .setVersion(5).setLabels(kept).setDeviceScope(null).setIssuedAtEpochMicros(1).build())));
        String bundle = Path.of("..", "models", "tsfm-micro").toAbsolutePath().normalize().toString();
        String[] args = {"edge", "--source", "dataset", "--dataset", "hapt", "--seconds", "12", "--speed", "0",
            "--model", bundle, "--top-k", "2", "--state-dir", tmp.toString()};
        List<String> restored = labelsPrinted(run(0, args));
        List<String> told = labelsPrinted(run(0, java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--no-label-updates")).toArray(String[]::new)));
        assertThat(restored).isNotEmpty().isSubsetOf(kept);
        assertThat(told).isNotEmpty().isSubsetOf(DefaultLabels.TEXTS);
    }

    /** The labels of the prediction lines ({@code device start +ms  label score  label score}). */
    private static List<String> labelsPrinted(String out) {
        List<String> labels = new ArrayList<>();
        out.lines().filter(l -> l.startsWith("hapt-")).forEach(l -> {
            String[] f = l.trim().split("\\s+");
            for (int i = 3; i + 1 < f.length; i += 2) labels.add(f[i]);
        });
        return labels;
    }

    @Test
    void badInputFailsWithOneClearLine(@TempDir Path tmp) throws Exception {
        Path props = tmp.resolve("typo.properties");
        Files.writeString(props, "bootstrap.servers=127.0.0.1:1\nsasl.mechansim=PLAIN\n");
        CliRun typo = CliRun.run("edge", "--kafka-config", props.toString(), "--seconds", "1", "--spool",
                tmp.resolve("s").toString());
        assertThat(typo.code()).isEqualTo(1);
        assertThat(typo.err()).contains("'sasl.mechansim' is not a Kafka client setting");
        CliRun noDataset = CliRun.run("edge", "--source", "dataset");
        assertThat(noDataset.code()).isEqualTo(1);
        assertThat(noDataset.err()).contains("--source dataset needs --dataset NAME");
    }

    private static List<ImuFrame> readFrames(String bootstrap) {
        return CommittedReader.readAll(bootstrap, Topics.IMU_FRAMES, WireFormat.IMU_FRAME::decode);
    }
}
