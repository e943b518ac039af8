package io.tsfm.edge.kafka;

import io.tsfm.core.testing.MicroBundle;
import io.tsfm.edge.EdgeClient;
import io.tsfm.edge.EdgeListener;
import io.tsfm.edge.frame.DeviceFrame;
import io.tsfm.edge.retry.ExponentialBackoff;
import io.tsfm.edge.source.Pacer;
import io.tsfm.lab.replay.SyntheticSource;
import io.tsfm.edge.spool.FsyncPolicy;
import io.tsfm.edge.spool.Spool;
import io.tsfm.core.runtime.OnnxWindowClassifier;
import io.tsfm.schemas.avro.Prediction;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Child process of {@link EdgeCrashTest}: the edge client on a synthetic device (50x real time, endless) classifying
 * with the committed micro bundle and publishing
 * through a spool to the given bootstrap servers, until it is killed. It prints {@code START <next sequence>} once
 * the spool is recovered, then {@code FRAME <seq>} and {@code PRED <window start>} after each record was handed to the
 * publisher (so the parent's view is a lower bound of what reached the spool).
 *
 * <p>Arguments: spool directory, bootstrap servers, fsync interval in ms, event time of the first sample in µs (each
 * run gets its own stretch of event time: at 50x a run's data reaches far past the wall clock).
 */
public final class EdgeCrashChild {
    private EdgeCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "UTF-8");
        KafkaSettings kafka = KafkaSettings.builder().setBootstrapServers(args[1])
                .optProperty("max.block.ms", "500").optProperty("request.timeout.ms", "2000").build();
        Spool spool = Spool.builder().setDirectory(Path.of(args[0]))
                .optFsync(FsyncPolicy.interval(Duration.ofMillis(Long.parseLong(args[2])))).build();
        try (SpooledPublisher publisher = SpooledPublisher.builder().setSpool(spool).setKafka(kafka)
                .optSendTimeout(Duration.ofSeconds(1))
                .optBackoff(ExponentialBackoff.builder().optInitial(Duration.ofMillis(50)).optMax(Duration.ofMillis(300)).build())
                .build();
             OnnxWindowClassifier model = MicroBundle.open();
             SyntheticSource source = SyntheticSource.builder().optSeconds(0).optPacer(Pacer.of(50))
                     .optStartMicros(Long.parseLong(args[3])).build()) {
            out.println("START " + publisher.nextSequences().getOrDefault("synthetic-0", 0L));
            EdgeClient.builder().setSource(source).optClassifier(model).optPublisher(publisher)
                    .optListener(new EdgeListener() {
                        @Override
                        public void onFrame(DeviceFrame frame) {
                            out.println("FRAME " + frame.sequence());
                        }

                        @Override
                        public void onPrediction(Prediction p) {
                            out.println("PRED " + p.getWindowStartEpochMicros());
                        }
                    }).build().run();
        }
    }
}
