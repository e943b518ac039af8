package io.tsfm.cli.job;

import io.tsfm.core.labels.DefaultLabels;
import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.cli.Main;
import io.tsfm.cli.testing.CliRun;
import io.tsfm.core.runtime.ModelBundle;
import io.tsfm.lab.TsfmHome;
import io.tsfm.job.JobOptions;
import io.tsfm.job.kafka.CommittedReader;
import io.tsfm.schemas.Topics;
import io.tsfm.schemas.WireFormat;
import io.tsfm.schemas.avro.Prediction;
import io.tsfm.schemas.avro.ScoredLabel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code tsfm job --embedded --seconds N} run in-process, fed by {@code tsfm fleet} replaying real HAPT sessions into
 * its broker: predictions from the committed default bundle reach a read_committed consumer while it runs, it prints
 * how to feed it and where predictions appear, and when the time is up it stops leaving no broker port and no work
 * directory behind.
 */
class JobCommandTest {

    /**
     * How long the job runs: the one clock in this test, an upper bound on how long the fleet, the job and a
     * checkpoint may take on a loaded machine (they need a few seconds on an idle one); the job is stopped by it.
     */
    private static final long JOB_SECONDS = 60;

    @Test
    void theEmbeddedJobClassifiesAFleetAndStopsCleanly() throws Exception {
        int port = freePort();
        String bootstrap = "127.0.0.1:" + port;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        List<Prediction> predictions = new ArrayList<>();
        int jobExit;
        int fleetExit;
        try {
            CompletableFuture<Integer> job = CompletableFuture.supplyAsync(() -> Main.run("job", "--embedded",
                    "--seconds", Long.toString(JOB_SECONDS), "--kafka-port", Integer.toString(port), "--checkpoint-interval-ms", "500",
                    "--parallelism", "2"));
            awaitOutput(out, "running for " + JOB_SECONDS + " s", job);
            fleetExit = Main.run("fleet", "--bootstrap-servers", bootstrap, "--dataset", "hapt", "--devices", "2",
                    "--seconds", "20", "--speed", "0", "--perfect");
            // windows become visible with the checkpoint after them; read until they are there (or the job stopped,
            // which fails below) rather than for a fixed while: on a loaded machine the fleet takes a while to start
            while (predictions.size() < 10 && !job.isDone()) {
                predictions = readCommitted(bootstrap);
                Thread.sleep(500);
            }
            jobExit = job.get(60, TimeUnit.SECONDS);
        } finally {
            System.setOut(oldOut);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(fleetExit).as(text).isZero();
        assertThat(jobExit).as(text).isZero();

        assertThat(text).contains("TSFM streaming job running on a local MiniCluster")
                .contains("Kafka (KRaft, in this process): " + bootstrap)
                .contains("./tsfm fleet --bootstrap-servers " + bootstrap)
                .contains("predictions appear: " + Topics.PREDICTIONS)
                .contains("model: bundle ").contains(TsfmHome.DEFAULT_BUNDLE)
                .contains("stopping after " + JOB_SECONDS + " s");

        // the committed default bundle served the fleet: its id on every prediction, labels from the default set
        String bundleId = ModelBundle.open(Path.of("..").resolve(TsfmHome.DEFAULT_BUNDLE)).id();
        assertThat(predictions).as(text).hasSizeGreaterThanOrEqualTo(10);
        Set<String> devices = new HashSet<>();
        for (Prediction p : predictions) {
            devices.add(p.getDeviceId());
            assertThat(p.getModelBundleSha256()).isEqualTo(bundleId);
            assertThat(p.getWindowEndEpochMicros() - p.getWindowStartEpochMicros()).isEqualTo(6_000_000L);
            assertThat(p.getTopK()).hasSize(3).extracting(ScoredLabel::getLabel)
                    .allMatch(DefaultLabels.TEXTS::contains);
        }
        assertThat(devices).containsExactlyInAnyOrder("sim-0", "sim-1");

        // stopped: the work directory is gone and the broker's port is free again
        Matcher removed = Pattern.compile("shut down, (\\S+) removed").matcher(text);
        assertThat(removed.find()).as(text).isTrue();
        assertThat(Path.of(removed.group(1))).doesNotExist();
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(s.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void withoutAPlaceToRunOrWithABadBundleItSaysWhatIsMissing() throws Exception {
        CliRun nowhere = CliRun.run("job");
        assertThat(nowhere.code()).isEqualTo(2);
        assertThat(nowhere.err())
                .contains("say where the job runs: --embedded, --bootstrap-servers HOST:PORT or --cluster HOST:PORT");
        CliRun noBundle = CliRun.run("job", "--embedded", "--model", "/nonexistent/bundle");
        assertThat(noBundle.code()).isEqualTo(2);
        assertThat(noBundle.err()).contains("--model /nonexistent/bundle: no such bundle directory");
        CliRun typo = CliRun.run("job", "--embedded", "--windw-ms", "5");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("unknown option --windw-ms");
    }

    private static void awaitOutput(ByteArrayOutputStream out, String text, CompletableFuture<Integer> job)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!out.toString(StandardCharsets.UTF_8).contains(text)) {
            assertThat(job.isDone()).as("job exited early:\n%s", out.toString(StandardCharsets.UTF_8)).isFalse();
            assertThat(System.nanoTime()).as("job printed '%s'", text).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static List<Prediction> readCommitted(String bootstrap) {
        return CommittedReader.readAll(bootstrap, Topics.PREDICTIONS, WireFormat.PREDICTION::decode,
                Duration.ofSeconds(10));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
