package io.tsfm.lab.job;

import io.tsfm.benchmark.stream.EmbeddedJob;
import io.tsfm.job.JobOptions;
import io.tsfm.job.inference.ClassifierFactory;
import org.apache.flink.core.execution.JobClient;

/** The benchmark stream path's embedded mode: an {@link EmbeddedRunner} behind {@link EmbeddedJob}. */
public final class EmbeddedStreamJob implements EmbeddedJob.Starter {

    @Override
    public EmbeddedJob start(JobOptions options, ClassifierFactory classifiers) throws Exception {
        return new Running(EmbeddedRunner.start(options, classifiers));
    }

    private record Running(EmbeddedRunner runner) implements EmbeddedJob {
        @Override
        public String bootstrapServers() {
            return runner.bootstrapServers();
        }

        @Override
        public JobClient job() {
            return runner.job();
        }

        @Override
        public void close() {
            runner.close();
        }
    }
}
