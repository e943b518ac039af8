package io.tsfm.benchmark.stream;

import io.tsfm.job.JobOptions;
import io.tsfm.job.inference.ClassifierFactory;
import java.util.ServiceLoader;
import org.apache.flink.core.execution.JobClient;

/**
 * The streaming job and a Kafka broker of its own, started in this JVM for the stream path's embedded mode. The
 * broker is development tooling (the lab module provides the {@link Starter}, found with {@link ServiceLoader}), so
 * the benchmark carries no broker and depends on lab not even in tests; without lab on the class path only address
 * mode works.
 */
public interface EmbeddedJob extends AutoCloseable {

    /** The broker's bootstrap servers. */
    String bootstrapServers();

    /** The running job. */
    JobClient job();

    /** Cancels the job and stops the broker; leaves nothing behind. */
    @Override
    void close();

    /** Starts an {@link EmbeddedJob}: a service, registered in {@code META-INF/services}. */
    interface Starter {
        /** Starts the broker and the job the options describe ({@code --embedded}); returns once it is submitted. */
        EmbeddedJob start(JobOptions options, ClassifierFactory classifiers) throws Exception;
    }

    /** The starter on the class path; fails with the reason when there is none. */
    static Starter starter() {
        return ServiceLoader.load(Starter.class).findFirst().orElseThrow(() -> new IllegalStateException(
                "the stream path's embedded mode needs the lab module (tsfm-lab) on the class path; "
                        + "or give the bootstrap servers of a Kafka where the streaming job runs"));
    }
}
