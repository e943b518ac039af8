package io.tsfm.job;

import io.tsfm.core.annotation.PublicApi;
import io.tsfm.core.serving.LabelSetEntry;
import io.tsfm.core.serving.ScoredWindow;
import io.tsfm.core.window.WindowGrid;
import io.tsfm.job.decode.Decoded;
import io.tsfm.job.decode.DecodedRouter;
import io.tsfm.job.decode.Frame;
import io.tsfm.job.decode.FrameDecoder;
import io.tsfm.job.decode.LabelSetDecoder;
import io.tsfm.job.decode.Rejection;
import io.tsfm.job.decode.SideOutputs;
import io.tsfm.job.inference.ClassifierFactory;
import io.tsfm.job.inference.InferenceOperator;
import io.tsfm.job.inference.PredictionSmoother;
import io.tsfm.job.metrics.DeadLetterCounter;
import io.tsfm.job.window.DeviceWindow;
import io.tsfm.job.window.DeviceWindower;
import io.tsfm.job.window.IngestWatermarks;
import java.nio.file.Path;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Builds the streaming job's dataflow on an environment:
 *
 * <pre>
 * frames topic -> decode + validate -> frames -> keyBy(device) -> DeviceWindower -> windows --------+
 *   (event time per device, in the windower; |                         |                            v
 *    watermarks only of Kafka read progress) | rejections              | late, bad layout ref   InferenceOperator
 * label-sets topic -> decode -> label-set updates -> broadcast ---------------------------------> (micro-batches)
 *                           |                                                                      |
 *                           +-> rejections -> dead-letters topic       [PredictionSmoother] <------+
 *                                                                          -> predictions topic
 * </pre>
 *
 * Every stateful operator has a fixed uid so savepoints survive code changes. Stateless.
 */
@PublicApi
public final class TsfmPipeline {

    private TsfmPipeline() {
    }

    /**
     * The environment settings the options ask for, to create the environment with: {@code --checkpoint-dir} (file
     * system checkpoints, retained on cancel so the job can restart from its last one) and {@code --restore-from}.
     */
    public static Configuration environmentConfig(JobOptions o) {
        Configuration c = new Configuration();
        if (o.checkpointDir() != null) {
            c.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, uri(o.checkpointDir()));
            c.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        }
        if (o.restoreFrom() != null) {
            c.set(StateRecoveryOptions.SAVEPOINT_PATH, uri(o.restoreFrom()));
        }
        return c;
    }

    /** A plain path as a file URI; anything with a scheme (file:, s3:, hdfs:) unchanged. */
    private static String uri(String pathOrUri) {
        return pathOrUri.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:/.*") ? pathOrUri
                : Path.of(pathOrUri).toAbsolutePath().normalize().toUri().toString();
    }

    /** Adds the job to {@code env} (checkpointing and watermark interval included); execute {@code env} after. */
    public static void build(StreamExecutionEnvironment env, JobOptions o, ClassifierFactory classifiers) {
        if (o.parallelism() > 0) {
            env.setParallelism(o.parallelism());
        }
        env.enableCheckpointing(o.checkpointIntervalMillis(), CheckpointingMode.EXACTLY_ONCE);

        env.getConfig().setAutoWatermarkInterval(o.watermarkIntervalMillis());

        // event time is kept per device by the windower, so that one device's clock (30 s or 10 min ahead) cannot
        // make every other device's frames late; the only watermarks are of how far Kafka has been read, which tell
        // the windower when a silent device is idle rather than held up in a backlog
        WatermarkStrategy<Decoded> watermarks = IngestWatermarks.strategy(o.idleTimeoutMillis());
        SingleOutputStreamOperator<Frame> frames = env
                .fromSource(KafkaConnectors.source(o, o.framesTopic(), "frames",
                        new FrameDecoder(o.maxFutureMillis() * 1000L), false), watermarks, "frames: " + o.framesTopic())
                .uid("source-frames")
                .process(new DecodedRouter()).name("route frames").uid("route-frames");

        SingleOutputStreamOperator<Frame> control = env
                .fromSource(KafkaConnectors.source(o, o.labelSetsTopic(), "label-sets", new LabelSetDecoder(), true),
                        WatermarkStrategy.noWatermarks(), "label sets: " + o.labelSetsTopic())
                .uid("source-label-sets")
                .process(new DecodedRouter()).name("route label sets").uid("route-label-sets");
        DataStream<LabelSetEntry> labelSets = control.getSideOutput(SideOutputs.LABEL_SETS);

        WindowGrid grid = WindowGrid.ofMillis(o.windowMillis(), o.hopMillis());
        SingleOutputStreamOperator<DeviceWindow> windows = frames
                .keyBy(Frame::deviceId, Types.STRING)
                .process(new DeviceWindower(grid, o.maxGapMillis() / 1000.0, o.minCoverage(),
                        o.deviceDescription(), o.outOfOrdernessMillis(), o.idleTimeoutMillis()),
                        TypeInformation.of(DeviceWindow.class))
                .name("windows " + o.windowMillis() + "/" + o.hopMillis() + " ms").uid("windower");

        boolean smoothing = o.smoothWindows() > 1;
        LabelSetEntry defaults = new LabelSetEntry(o.labelSetId(), 0, o.labels().toArray(String[]::new), null, 0);
        DataStream<ScoredWindow> predictions = windows
                .connect(labelSets.broadcast())
                .transform("inference", TypeInformation.of(ScoredWindow.class), new InferenceOperator(classifiers,
                        defaults, o.maxBatch(), o.maxWaitMillis(), o.topK(), smoothing))
                .uid("inference");
        if (smoothing) {
            predictions = predictions
                    .keyBy(ScoredWindow::deviceId, Types.STRING)
                    .process(new PredictionSmoother(o.smoothWindows(), o.topK(), grid.hopMicros()),
                            TypeInformation.of(ScoredWindow.class))
                    .name("smooth " + o.smoothWindows() + " windows").uid("smoother");
        }
        predictions.sinkTo(KafkaConnectors.predictionSink(o)).name("predictions: " + o.predictionsTopic())
                .uid("sink-predictions");

        DataStream<Rejection> rejections = frames.getSideOutput(SideOutputs.REJECTIONS)
                .union(control.getSideOutput(SideOutputs.REJECTIONS), windows.getSideOutput(SideOutputs.REJECTIONS));
        rejections.map(new DeadLetterCounter()).name("count dead letters").uid("count-dead-letters")
                .sinkTo(KafkaConnectors.deadLetterSink(o)).name("dead letters: " + o.deadLettersTopic())
                .uid("sink-dead-letters");
    }
}
