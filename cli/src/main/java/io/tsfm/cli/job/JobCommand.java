package io.tsfm.cli.job;

import io.tsfm.lab.TsfmHome;
import io.tsfm.lab.cluster.ClusterLayout;
import io.tsfm.lab.job.EmbeddedRunner;
import io.tsfm.job.ClassifierFactories;
import io.tsfm.job.JobOptions;
import io.tsfm.job.StreamingJob;
import io.tsfm.job.inference.ClassifierFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code tsfm job}: the streaming job, in one of three modes. {@code --embedded} runs a Kafka broker and the job on a
 * MiniCluster in this process; {@code --bootstrap-servers} runs the job on a MiniCluster against an existing Kafka;
 * {@code --cluster HOST:PORT} submits the shaded job jar to a Flink cluster and returns. Every argument but
 * {@code --seconds} and {@code --help} is a job argument ({@link JobOptions}), passed through unchanged; without
 * {@code --model} the job serves the committed bundle {@value TsfmHome#DEFAULT_BUNDLE}.
 */
@Command(name = "job", description = {"Run the streaming job: Kafka frames -> Flink windows -> zero-shot predictions.",
    "Where it runs: --embedded (a Kafka broker and the job in this process; Ctrl-C or --seconds stops both), "
        + "--bootstrap-servers HOST:PORT (the job in this process, against an existing Kafka), or --cluster HOST:PORT "
        + "(the job jar submitted to a Flink cluster, e.g. the one ./tsfm cluster start runs at localhost:8081). "
        + "Without --model the job serves models/tsfm-mini. Every job argument is listed below the options."})
public final class JobCommand implements Callable<Integer> {

    @Option(names = "--seconds", paramLabel = "N",
            description = "Stop a local run (--embedded or --bootstrap-servers) after N seconds; 0 = until Ctrl-C.")
    double seconds;

    @Option(names = {"-h", "--help"}, description = "Show this help, with every job argument.")
    boolean help;

    /** The job arguments, in order. */
    @Unmatched
    List<String> jobArgs = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        if (help) {
            spec.commandLine().usage(out);
            out.println();
            out.print(JobOptions.usage());
            return 0;
        }
        List<String> args = new ArrayList<>(jobArgs);
        JobOptions options = parse(args);
        if (options.model() == null && options.classifierFactory() == null) {
            args.add("--model");
            args.add(defaultBundle().toString());
        }
        if (options.cluster() != null) {
            if (options.bootstrapServers() == null) throw usage("--cluster needs --bootstrap-servers HOST:PORT: the "
                    + "Kafka the job reads frames from and writes predictions to, as seen from the cluster");
            requireReachable(options.cluster());
            if (seconds > 0) throw usage("--seconds stops a local run; a job submitted with --cluster runs until "
                    + "cancelled on the cluster (its web UI, or ./tsfm cluster stop)");
            if (options.jar() == null) {
                args.add("--jar");
                args.add(jobJar().toString());
            }
            Optional<Path> checkpoints = ClusterLayout.localCheckpointsFor(options.cluster());
            if (options.checkpointDir() == null && checkpoints.isPresent()) {
                args.add("--checkpoint-dir");
                args.add(checkpoints.get().toString());
            }
        } else if (!options.embedded() && options.bootstrapServers() == null) {
            throw usage("say where the job runs: --embedded, --bootstrap-servers HOST:PORT or --cluster HOST:PORT");
        }
        if (seconds < 0) throw usage("--seconds must be >= 0");
        options = parse(args);
        ClassifierFactory classifiers;
        try {
            classifiers = ClassifierFactories.resolve(options);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }

        if (options.cluster() != null) {
            JobClient job = StreamingJob.submit(options, classifiers);
            out.println("submitted job " + job.getJobID() + " ('" + options.jobName() + "') to http://"
                    + options.cluster() + " with " + options.jar());
            out.println("  model: " + classifiers);
            out.println("  Kafka: " + options.bootstrapServers() + "; predictions on " + options.predictionsTopic()
                    + " (read_committed)");
            if (options.checkpointDir() != null) {
                out.println("  checkpoints: " + options.checkpointDir() + " (kept on cancel: restart with "
                        + "--restore-from <dir>/" + job.getJobID() + "/chk-N)");
            }
            out.println("  web UI: http://" + options.cluster() + "/#/job/running/" + job.getJobID());
            return 0;
        }
        Duration limit = seconds > 0 ? Duration.ofMillis(Math.round(seconds * 1000)) : null;
        EmbeddedRunner.runUntilStopped(options, classifiers, out, limit, runner -> {
            out.println("  model: " + classifiers);
            out.println("  feed it, e.g.:     ./tsfm fleet --bootstrap-servers " + runner.bootstrapServers()
                    + " --topic " + runner.options().framesTopic() + " --dataset hapt --devices 4");
            out.println("  or one device:     ./tsfm edge --source dataset --dataset hapt --bootstrap-servers "
                    + runner.bootstrapServers() + " --frames-topic " + runner.options().framesTopic());
            out.println("  watch predictions: ./tsfm predictions --bootstrap-servers " + runner.bootstrapServers()
                    + " --topic " + runner.options().predictionsTopic());
            out.println(limit != null ? "  running for " + limit.toSeconds() + " s" : "  running until Ctrl-C");
        });
        return 0;
    }

    /**
     * Fails with one line when nothing answers at the cluster's REST address, instead of the Flink client retrying
     * the submission for minutes and ending in a generic "Failed to execute job".
     */
    static void requireReachable(String cluster) {
        int colon = cluster.lastIndexOf(':');
        String host = colon < 0 ? cluster : cluster.substring(0, colon);
        int port;
        try {
            port = colon < 0 ? 8081 : Integer.parseInt(cluster.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--cluster " + cluster + ": expected HOST:PORT of the Flink REST "
                    + "endpoint, e.g. localhost:8081");
        }
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(host, port), 5000);
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the Flink cluster at " + cluster + " (" + (e.getMessage()
                    != null ? e.getMessage() : e.getClass().getSimpleName()) + "): is it running? ./tsfm cluster start "
                    + "starts one at localhost:8081, ./tsfm cluster status shows it");
        }
    }

    private JobOptions parse(List<String> args) {
        try {
            return JobOptions.parse(args.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** The committed bundle the job serves by default. */
    private Path defaultBundle() {
        Path home = TsfmHome.find().orElse(null);
        Path bundle = home == null ? null : home.resolve(TsfmHome.DEFAULT_BUNDLE);
        if (bundle == null || !Files.isRegularFile(bundle.resolve("manifest.json"))) {
            throw usage("no --model given, and the default bundle " + (bundle != null ? bundle
                    : TsfmHome.DEFAULT_BUNDLE + " (no checkout found)") + " is missing: pass --model BUNDLE_DIR (a "
                    + "bundle written by ./tsfm export --checkpoint CK --out BUNDLE_DIR)");
        }
        return bundle;
    }

    /** The shaded job jar the build leaves in streaming-job/target. */
    private Path jobJar() throws IOException {
        Path target = TsfmHome.require().resolve("streaming-job").resolve("target");
        if (Files.isDirectory(target)) {
            try (Stream<Path> s = Files.list(target)) {
                Optional<Path> jar = s.filter(p -> p.getFileName().toString().matches("tsfm-streaming-job-.*-job\\.jar"))
                        .findFirst();
                if (jar.isPresent()) return jar.get();
            }
        }
        throw usage("no job jar in " + target + ": build it (mvn -o -q -DskipTests package; ./tsfm does this on "
                + "first use) or pass --jar PATH");
    }
}
