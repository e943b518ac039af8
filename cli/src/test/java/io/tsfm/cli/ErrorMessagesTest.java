package io.tsfm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.cli.testing.CliRun;
import io.tsfm.lab.kafka.EmbeddedKafka;
import io.tsfm.schemas.WireFormat;
import io.tsfm.schemas.avro.Prediction;
import io.tsfm.schemas.avro.ScoredLabel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees when something is wrong: one line on stderr that says what and where, a non-zero exit code (2 for
 * a bad command line, 1 for a failure), and a stack trace only with {@code --verbose}. Real commands, in-process; the
 * Kafka cases against a real broker.
 */
class ErrorMessagesTest {

    @Test
    void anUnreachableClusterIsNamedInOneLine() throws Exception {
        int closed = freePort(); // nothing listens there
        CliRun r = CliRun.run("job", "--cluster", "localhost:" + closed, "--bootstrap-servers", "127.0.0.1:9");
        assertThat(r.code()).isEqualTo(1);
        assertThat(oneLine(r)).startsWith("error: cannot reach the Flink cluster at localhost:" + closed)
                .contains("./tsfm cluster start");
        assertThat(r.out()).isEmpty();

        CliRun verbose = CliRun.run("job", "--cluster", "localhost:" + closed, "--bootstrap-servers", "127.0.0.1:9",
                "--verbose");
        assertThat(verbose.code()).isEqualTo(1);
        assertThat(verbose.err()).startsWith("error: cannot reach the Flink cluster").contains("\tat io.tsfm.cli.");

        CliRun noKafka = CliRun.run("job", "--cluster", "localhost:" + closed);
        assertThat(noKafka.code()).isEqualTo(2);
        assertThat(noKafka.err()).contains("--cluster needs --bootstrap-servers HOST:PORT");
    }

    @Test
    void aTruncatedDatasetArchiveIsNamed(@TempDir Path root) throws Exception {
        Path real = DataRootPaths.hapt();
        byte[] head = new byte[4096];
        try (var in = Files.newInputStream(real)) {
            assertThat(in.readNBytes(head, 0, head.length)).isEqualTo(head.length);
        }
        Files.write(root.resolve("hapt.zip"), head); // a download cut short
        CliRun r = CliRun.run("classify", "--dataset", "hapt", "--root", root.toString(), "--limit", "1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(oneLine(r)).contains(root.resolve("hapt.zip").toString())
                .contains("not a readable zip archive, truncated or corrupt");
    }

    @Test
    void aMissingPathSaysWhatIsWrongWithIt() {
        // the spool directory cannot be created: the JDK's exception message is the bare path
        CliRun r = CliRun.run("edge", "--source", "synthetic", "--seconds", "1", "--spool", "/proc/nope/spool",
                "--bootstrap-servers", "127.0.0.1:9");
        assertThat(r.code()).isEqualTo(1);
        assertThat(oneLine(r)).isEqualTo("error: /proc/nope: no such file or directory");
    }

    @Test
    void badNumbersAreRefusedInTheCommandLinesOwnWords() {
        CliRun devices = CliRun.run("fleet", "--devices", "0", "--dataset", "hapt", "--bootstrap-servers",
                "127.0.0.1:9");
        assertThat(devices.code()).isEqualTo(2);
        assertThat(devices.err()).contains("--devices must be >= 1, got 0").doesNotContain("optDevices");
        CliRun seconds = CliRun.run("predictions", "--seconds", "-5", "--bootstrap-servers", "127.0.0.1:9");
        assertThat(seconds.code()).isEqualTo(2);
        assertThat(seconds.err()).contains("--seconds must be a number >= 0");
        CliRun epochs = CliRun.run("benchmark", "--fine-tune-epochs", "0", "--report", "/proc/never-written");
        assertThat(epochs.code()).isEqualTo(2);
        assertThat(epochs.err()).contains("--fine-tune-epochs must be >= 1, got 0");
        CliRun labels = CliRun.run("benchmark", "--fine-tune-labels", "trained", "--report", "/proc/never-written");
        assertThat(labels.code()).isEqualTo(2);
        assertThat(labels.err()).contains("--fine-tune-labels must be frozen or learnable, got 'trained'");
    }

    @Test
    void predictionsStartAtTheBeginningAndStopWithOneLineWhenTheBrokerGoes() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.builder().optNumPartitions(1).build();
        try {
            kafka.createTopics("preds");
            Prediction p = Prediction.newBuilder().setDeviceId("dev-1").setWindowStartEpochMicros(1_000_000L)
                    .setWindowEndEpochMicros(7_000_000L).setLabelSetId("default").setLabelSetVersion(0)
                    .setModelBundleSha256("0".repeat(64))
                    .setTopK(List.of(new ScoredLabel("walking", 0.9f))).setProcessingLatencyMicros(1L)
                    .setEndToEndLatencyMicros(null).setEmittedAtEpochMicros(2_000_000L).build();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>("preds", WireFormat.PREDICTION.encode(p))).get();
            }

            // what was produced before the command started is shown: it reads from the beginning by default
            PrintStream oldOut = System.out;
            PrintStream oldErr = System.err;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            CompletableFuture<Integer> run;
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                run = CompletableFuture.supplyAsync(() -> Main.run("predictions", "--bootstrap-servers",
                        kafka.bootstrapServers(), "--topic", "preds", "--retry-seconds", "3"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!out.toString(StandardCharsets.UTF_8).contains("dev-1")) {
                    assertThat(run).as("still reading; stderr: %s", err).isNotDone();
                    assertThat(System.nanoTime()).as("the earlier prediction printed").isLessThan(deadline);
                    Thread.sleep(50);
                }
                kafka.close(); // the broker goes away while the command reads
                int code = run.get(60, TimeUnit.SECONDS);
                assertThat(code).isEqualTo(1);
            } finally {
                System.setOut(oldOut);
                System.setErr(oldErr);
            }
            List<String> errLines = err.toString(StandardCharsets.UTF_8).lines().toList();
            assertThat(errLines).as("stderr").hasSize(2); // "reading ..." and the error
            assertThat(errLines.get(0)).contains("reading preds from its beginning");
            assertThat(errLines.get(1)).startsWith("error: lost the Kafka broker at " + kafka.bootstrapServers())
                    .contains("no answer for 3 s");
            assertThat(out.toString(StandardCharsets.UTF_8).lines()).singleElement().asString().startsWith("dev-1 ");
        } finally {
            kafka.close();
        }
    }

    /** The single line the command wrote to stderr. */
    private static String oneLine(CliRun r) {
        List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("stderr of the command:%n%s", r.err()).hasSize(1);
        return lines.get(0);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** Where the real datasets are, as the commands resolve them. */
    private static final class DataRootPaths {
        static Path hapt() {
            return io.tsfm.datasets.DataRoot.resolve().path().resolve("hapt.zip");
        }
    }
}
