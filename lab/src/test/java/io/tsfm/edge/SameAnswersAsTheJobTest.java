package io.tsfm.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.core.data.Session;
import io.tsfm.core.testing.MicroBundle;
import io.tsfm.edge.kafka.KafkaSettings;
import io.tsfm.edge.kafka.SpooledPublisher;
import io.tsfm.lab.replay.DatasetReplaySource;
import io.tsfm.edge.source.Pacer;
import io.tsfm.edge.spool.Spool;
import io.tsfm.core.runtime.OnnxWindowClassifier;
import io.tsfm.edge.testing.Hapt;
import io.tsfm.edge.testing.WireConsumer;
import io.tsfm.lab.job.EmbeddedRunner;
import io.tsfm.job.JobOptions;
import io.tsfm.job.TsfmPipeline;
import io.tsfm.job.inference.BundleClassifierFactory;
import io.tsfm.lab.kafka.EmbeddedKafka;
import io.tsfm.schemas.WireFormat;
import io.tsfm.schemas.avro.Prediction;
import io.tsfm.schemas.avro.ScoredLabel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same answers: the edge client classifies real HAPT recordings of two devices on the device and publishes their
 * frames; the streaming job (on a Flink MiniCluster, bounded) reads those frames from the real broker and classifies
 * them with the same model, the committed micro bundle ({@link MicroBundle}): an {@link OnnxWindowClassifier} on the
 * device, the job's built-in {@link BundleClassifierFactory} in the job. Every window gets the same labels and the same
 * scores, bit for bit, on both sides: the two share the grid, the windowing rule and the classifier.
 */
class SameAnswersAsTheJobTest {

    @Test
    void edgeAndJobPredictTheSameForTheSameFrames(@TempDir Path tmp) throws Exception {
        List<Session> sessions = Hapt.dataset().sessions().subList(0, 40);
        // an hour ago on the 2 s grid: historical event time, like a replay
        long start = (System.currentTimeMillis() / 2000 - 1800) * 2_000_000L;
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().optNumPartitions(2).build()) {
            JobOptions o = JobOptions.parse("--bootstrap-servers", kafka.bootstrapServers(), "--bounded",
                    "--parallelism", "2", "--checkpoint-interval-ms", "500", "--group-id", "same-answers",
                    "--transactional-id-prefix", "same-answers");
            EmbeddedRunner.createTopics(kafka, o);
            String edgePredictions = "edge.predictions";
            kafka.createTopics(edgePredictions);

            Map<String, Prediction> local = new LinkedHashMap<>();
            try (SpooledPublisher publisher = SpooledPublisher.builder()
                    .setSpool(Spool.builder().setDirectory(tmp.resolve("spool")).build())
                    .setKafka(KafkaSettings.builder().setBootstrapServers(kafka.bootstrapServers()).build())
                    .optFramesTopic(o.framesTopic()).build();
                 OnnxWindowClassifier model = MicroBundle.open();
                 DatasetReplaySource source = DatasetReplaySource.builder().setSessions(sessions).optDevices(2)
                         .optDevicePrefix("hapt-").optStartMicros(start).optMaxSeconds(40).optPacer(Pacer.unpaced()).build()) {
                EdgeClient.builder().setSource(source).optClassifier(model).optPublisher(publisher)
                        .optPredictionsTopic(edgePredictions).optListener(new EdgeListener() {
                            @Override
                            public void onPrediction(Prediction p) {
                                local.put(p.getDeviceId() + "@" + p.getWindowStartEpochMicros(), p);
                            }
                        }).build().run();
                assertThat(publisher.awaitDelivered(Duration.ofSeconds(30))).isTrue();
            }
            // 40 s of two devices: windows [0,6) .. [34,40) complete, 18 each
            assertThat(local.size()).as("local predictions %s", local.keySet()).isEqualTo(36);

            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            TsfmPipeline.build(env, o, new BundleClassifierFactory(MicroBundle.path(), 1));
            env.execute("same answers"); // bounded: returns once every frame is processed

            Map<String, Prediction> job = new LinkedHashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : WireConsumer.readAll(kafka.bootstrapServers(), o.predictionsTopic())) {
                Prediction p = WireFormat.PREDICTION.decode(r.value());
                assertThat(job.put(p.getDeviceId() + "@" + p.getWindowStartEpochMicros(), p)).as("one prediction a window").isNull();
            }
            assertThat(new java.util.TreeSet<>(job.keySet())).isEqualTo(new java.util.TreeSet<>(local.keySet()));
            for (var e : local.entrySet()) {
                Prediction mine = e.getValue();
                Prediction theirs = job.get(e.getKey());
                assertThat(labels(theirs)).as(e.getKey()).containsExactlyElementsOf(labels(mine));
                assertThat(theirs.getWindowEndEpochMicros()).isEqualTo(mine.getWindowEndEpochMicros());
                assertThat(theirs.getModelBundleSha256()).isEqualTo(mine.getModelBundleSha256());
                assertThat(theirs.getLabelSetId()).isEqualTo(mine.getLabelSetId());
            }
            List<Prediction> published = new ArrayList<>();
            WireConsumer.readAll(kafka.bootstrapServers(), edgePredictions)
                    .forEach(r -> published.add(WireFormat.PREDICTION.decode(r.value())));
            assertThat(published.size()).isEqualTo(local.size());
        }
    }

    private static List<String> labels(Prediction p) {
        List<String> out = new ArrayList<>();
        for (ScoredLabel l : p.getTopK()) out.add(l.getLabel() + "=" + Float.floatToIntBits(l.getScore()));
        return out;
    }
}
