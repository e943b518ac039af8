package io.tsfm.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tsfm.job.inference.ClassifierFactories;
import io.tsfm.job.inference.ClassifierFactory;
import io.tsfm.job.testing.FeatureHashClassifierFactory;
import io.tsfm.schemas.Topics;
import org.junit.jupiter.api.Test;

class JobOptionsTest {

    @Test
    void defaultsFollowTheSpecAndTheTopicConstants() {
        JobOptions o = JobOptions.defaults();
        assertThat(o.windowMillis()).isEqualTo(6000);
        assertThat(o.hopMillis()).isEqualTo(2000);
        assertThat(o.idleTimeoutMillis()).isZero();
        assertThat(o.exactlyOnce()).isTrue();
        assertThat(o.framesTopic()).isEqualTo(Topics.IMU_FRAMES);
        assertThat(o.labelSetsTopic()).isEqualTo(Topics.LABEL_SETS);
        assertThat(o.predictionsTopic()).isEqualTo(Topics.PREDICTIONS);
        assertThat(o.deadLettersTopic()).isEqualTo(Topics.DEAD_LETTERS);
        assertThat(o.labels()).isEqualTo(JobOptions.DEFAULT_LABELS);
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
    void theClassifierFactoryIsFoundByClassNameWithTheModelPath() throws Exception {
        ClassifierFactory f = ClassifierFactories.resolve(FeatureHashClassifierFactory.class.getName(), "/bundles/x");
        try (var c = f.create()) {
            assertThat(c.modelId()).hasSize(64);
        }
        assertThat(ClassifierFactories.resolve(FeatureHashClassifierFactory.class.getName(), null)).isNotNull();
        assertThatThrownBy(() -> ClassifierFactories.resolve(null, null)).hasMessageContaining("no classifier");
        assertThatThrownBy(() -> ClassifierFactories.resolve(null, "/bundles/x"))
                .hasMessageContaining("no built-in bundle classifier yet");
        assertThatThrownBy(() -> ClassifierFactories.resolve("io.tsfm.Nope", null)).hasMessageContaining("no such");
        assertThatThrownBy(() -> ClassifierFactories.resolve(String.class.getName(), null))
                .hasMessageContaining("does not implement");
    }
}
