package io.tsfm.job;

import io.tsfm.core.labels.DefaultLabels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tsfm.core.runtime.OnnxWindowClassifier;
import io.tsfm.core.runtime.WindowClassifier;
import io.tsfm.core.testing.MicroBundle;
import io.tsfm.job.inference.BundleClassifierFactory;
import io.tsfm.job.inference.ClassifierFactory;
import io.tsfm.job.testing.RecordingClassifierFactory;
import io.tsfm.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobOptionsTest {

    @Test
    void defaultsFollowTheSpecAndTheTopicConstants() {
        JobOptions o = JobOptions.defaults();
        assertThat(o.windowMillis()).isEqualTo(6000);
        assertThat(o.hopMillis()).isEqualTo(2000);
        assertThat(o.idleTimeoutMillis()).isEqualTo(10_000);
        assertThat(o.exactlyOnce()).isTrue();
        assertThat(o.framesTopic()).isEqualTo(Topics.IMU_FRAMES);
        assertThat(o.labelSetsTopic()).isEqualTo(Topics.LABEL_SETS);
        assertThat(o.predictionsTopic()).isEqualTo(Topics.PREDICTIONS);
        assertThat(o.deadLettersTopic()).isEqualTo(Topics.DEAD_LETTERS);
        assertThat(o.labels()).isEqualTo(DefaultLabels.TEXTS);
        assertThatThrownBy(o::requireRunnable).hasMessageContaining("--bootstrap-servers is required");
    }

    @Test
    void everyFormOfArgumentParses() {
        JobOptions o = JobOptions.parse("--bootstrap-servers", "k1:9092,k2:9092", "--window-ms=4000", "--hop-ms",
                "1000", "--bounded", "--labels", "a, b ,c", "--delivery-guarantee", "AT-LEAST-ONCE",
                "--kafka-property", "security.protocol=SSL", "--kafka-property=sasl.mechanism=PLAIN",
                "--smooth-windows", "3", "--min-coverage", "0.5", "--cluster", "localhost:8081",
                "--device-description", "Samsung Galaxy S II at the waist.");
        assertThat(o.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(o.windowMillis()).isEqualTo(4000);
        assertThat(o.hopMillis()).isEqualTo(1000);
        assertThat(o.bounded()).isTrue();
        assertThat(o.labels()).containsExactly("a", "b", "c");
        assertThat(o.exactlyOnce()).isFalse();
        assertThat(o.kafkaProperties()).containsEntry("security.protocol", "SSL")
                .containsEntry("sasl.mechanism", "PLAIN");
        assertThat(o.smoothWindows()).isEqualTo(3);
        assertThat(o.minCoverage()).isEqualTo(0.5);
        assertThat(o.cluster()).isEqualTo("localhost:8081");
        assertThat(o.deviceDescription()).isEqualTo("Samsung Galaxy S II at the waist.");
    }

    @Test
    void badArgumentsAreNamedInTheError() {
        assertThatThrownBy(() -> JobOptions.parse("--windw-ms", "1")).hasMessageContaining("unknown option --windw-ms");
        assertThatThrownBy(() -> JobOptions.parse("--window-ms")).hasMessageContaining("--window-ms needs a value");
        assertThatThrownBy(() -> JobOptions.parse("--window-ms", "six")).hasMessageContaining("'six' is not a whole");
        assertThatThrownBy(() -> JobOptions.parse("--max-batch", "0")).hasMessageContaining("--max-batch must be > 0");
        assertThatThrownBy(() -> JobOptions.parse("--hop-ms", "7000")).hasMessageContaining("longer than --window-ms");
        assertThatThrownBy(() -> JobOptions.parse("--min-coverage", "1.5")).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> JobOptions.parse("--labels", "a,a")).hasMessageContaining("twice");
        assertThatThrownBy(() -> JobOptions.parse("--bounded=yes")).hasMessageContaining("takes no value");
        assertThatThrownBy(() -> JobOptions.parse("--cluster", "nohost")).hasMessageContaining("HOST:PORT");
        assertThatThrownBy(() -> JobOptions.parse("--starting-offsets", "newest")).hasMessageContaining("committed");
        assertThatThrownBy(() -> JobOptions.parse("stray")).hasMessageContaining("'stray' is not an option");
        assertThat(JobOptions.usage()).contains("--bootstrap-servers", "--window-ms", "--classifier-factory",
                "--embedded", "--cluster");
    }

    @Test
    void aModelAloneGivesTheBuiltInBundleClassifierAndAFactoryClassIsFoundByName(@TempDir Path tmp)
            throws Exception {
        String bundle = MicroBundle.path().toString();
        WindowClassifier direct = MicroBundle.shared();

        ClassifierFactory builtIn = ClassifierFactories.resolve(JobOptions.parse("--model", bundle,
                "--inference-threads", "2"));
        assertThat(builtIn).isInstanceOf(BundleClassifierFactory.class);
        // the factory travels with the job graph: it must survive serialization and open the same bundle
        ClassifierFactory shipped = InstantiationUtil.clone(builtIn);
        try (WindowClassifier c = shipped.create()) {
            assertThat(c).isInstanceOf(OnnxWindowClassifier.class);
            assertThat(c.modelId()).isEqualTo(direct.modelId()).hasSize(64);
        }

        // --classifier-factory names a class; with --model it gets the path
        ClassifierFactory byName = ClassifierFactories.resolve(BundleClassifierFactory.class.getName(), bundle);
        assertThat(((BundleClassifierFactory) byName).bundleId()).isEqualTo(direct.modelId());
        assertThat(ClassifierFactories.resolve(RecordingClassifierFactory.class.getName(), null))
                .isInstanceOf(RecordingClassifierFactory.class);

        assertThatThrownBy(() -> ClassifierFactories.resolve(null, null)).hasMessageContaining("no classifier");
        assertThatThrownBy(() -> ClassifierFactories.resolve(null, tmp.resolve("nope").toString()))
                .hasMessageContaining("--model").hasMessageContaining("no such bundle directory");
        assertThatThrownBy(() -> ClassifierFactories.resolve("io.tsfm.Nope", null)).hasMessageContaining("no such");
        assertThatThrownBy(() -> ClassifierFactories.resolve(String.class.getName(), null))
                .hasMessageContaining("does not implement");
        assertThatThrownBy(() -> JobOptions.parse("--inference-threads", "-1")).hasMessageContaining(">= 0");
    }

    @Test
    void checkpointDirAndRestoreFromBecomeTheEnvironmentsSettings(@TempDir Path tmp) {
        Configuration none = TsfmPipeline.environmentConfig(JobOptions.defaults());
        assertThat(none.toMap()).isEmpty();

        JobOptions o = JobOptions.parse("--checkpoint-dir", tmp.resolve("ck").toString(), "--restore-from",
                "s3://bucket/ck/job/chk-7");
        Configuration c = TsfmPipeline.environmentConfig(o);
        assertThat(c.get(CheckpointingOptions.CHECKPOINT_STORAGE)).isEqualTo("filesystem");
        assertThat(c.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo(tmp.resolve("ck").toUri().toString());
        assertThat(c.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(c.get(StateRecoveryOptions.SAVEPOINT_PATH)).isEqualTo("s3://bucket/ck/job/chk-7");
        assertThatThrownBy(() -> JobOptions.parse("--restore-from", " ")).hasMessageContaining("must not be blank");
    }

    @Test
    void aTamperedBundleIsRefusedWhenTheJobIsBuiltNamingTheFile(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("bundle");
        Files.createDirectories(copy);
        try (var files = Files.list(MicroBundle.path())) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        byte[] model = Files.readAllBytes(copy.resolve("model.onnx"));
        model[model.length / 2] ^= 0x01;
        Files.write(copy.resolve("model.onnx"), model);
        assertThatThrownBy(() -> ClassifierFactories.resolve(null, copy.toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--model " + copy)
                .hasMessageContaining("model.onnx");
    }
}
