package io.tsfm.job;

import io.tsfm.core.annotation.PublicApi;
import io.tsfm.job.inference.ClassifierFactory;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point of the streaming job (the shaded jar's main class). With {@code flink run tsfm-streaming-job-*-job.jar
 * --bootstrap-servers HOST:PORT ...} it runs in the cluster's environment; {@code --cluster HOST:PORT} submits this
 * jar to a cluster's REST endpoint from a plain JVM. {@code --embedded} (a local broker and MiniCluster) is development
 * tooling that lives in the lab module: {@code ./tsfm job --embedded} runs it; this jar carries no broker. See
 * {@link JobOptions#usage()} for every argument.
 */
@PublicApi
public final class StreamingJob {

    private StreamingJob() {
    }

    /** Runs the job as the arguments say; prints usage and exits 2 on a bad argument. */
    public static void main(String[] args) throws Exception {
        if (JobOptions.wantsHelp(args)) {
            System.out.print(JobOptions.usage());
            return;
        }
        JobOptions options;
        ClassifierFactory classifiers;
        try {
            options = JobOptions.parse(args);
            if (options.embedded()) {
                throw new IllegalArgumentException("--embedded runs from the checkout (./tsfm job --embedded): the "
                        + "broker is development tooling (module lab), not part of the job jar");
            }
            options.requireRunnable();
            classifiers = ClassifierFactories.resolve(options);
        } catch (IllegalArgumentException e) {
            System.err.println("tsfm job: " + e.getMessage());
            System.err.print(JobOptions.usage());
            System.exit(2);
            return;
        }
        if (options.cluster() != null) {
            JobClient client = submit(options, classifiers);
            System.out.println("submitted job " + client.getJobID() + " to http://" + options.cluster());
        } else {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                    TsfmPipeline.environmentConfig(options));
            TsfmPipeline.build(env, options, classifiers);
            env.execute(options.jobName());
        }
    }

    /**
     * Submits the job to the Flink cluster whose REST endpoint is {@code options.cluster()}, shipping
     * {@code options.jar()} (default: the jar this class was loaded from), and returns without waiting for it.
     */
    public static JobClient submit(JobOptions options, ClassifierFactory classifiers) throws Exception {
        String hostPort = options.cluster();
        int colon = hostPort.lastIndexOf(':');
        String[] jars = jars(options);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment(
                hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)),
                TsfmPipeline.environmentConfig(options), jars);
        TsfmPipeline.build(env, options, classifiers);
        return env.executeAsync(options.jobName());
    }

    private static String[] jars(JobOptions options) {
        if (options.jar() != null) {
            if (!Files.isRegularFile(Path.of(options.jar()))) {
                throw new IllegalArgumentException("--jar " + options.jar() + " is not a file");
            }
            return new String[] {options.jar()};
        }
        try {
            File self = new File(StreamingJob.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (self.isFile() && self.getName().endsWith(".jar")) {
                return new String[] {self.getPath()};
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // fall through: not loaded from a jar we can name
        }
        // classes from a directory (IDE, tests): the cluster must already have them on its classpath
        return new String[0];
    }
}
