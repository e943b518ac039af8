package io.tsfm.job;

import io.tsfm.core.window.WindowGrid;
import io.tsfm.job.decode.Decoded;
import io.tsfm.job.decode.DecodedRouter;
import io.tsfm.job.decode.Frame;
import io.tsfm.job.decode.FrameDecoder;
import io.tsfm.job.decode.LabelSetDecoder;
import io.tsfm.job.decode.Rejection;
import io.tsfm.job.inference.ClassifierFactory;
import io.tsfm.job.inference.InferenceOperator;
import io.tsfm.job.inference.LabelSetEntry;
import io.tsfm.job.inference.PredictionSmoother;
import io.tsfm.job.inference.ScoredWindow;
import io.tsfm.job.kafka.KafkaConnectors;
import io.tsfm.job.metrics.DeadLetterCounter;
import io.tsfm.job.window.DeviceWindow;
import io.tsfm.job.window.DeviceWindower;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Builds the streaming job's dataflow on an environment:
 *
 * <pre>
 * frames topic -> decode + validate -> frames -> keyBy(device) -> DeviceWindower -> windows --------+
 *   (watermarks per Kafka partition,        |                         |                            v
 *    bounded out-of-orderness)               | rejections              | late, bad layout ref   InferenceOperator
 * label-sets topic -> decode -> label-set updates -> broadcast ---------------------------------> (micro-batches)
 *                           |                                                                      |
 *                           +-> rejections -> dead-letters topic       [PredictionSmoother] <------+
 *                                                                          -> predictions topic
 * </pre>
 *
 * Every stateful operator has a fixed uid so savepoints survive code changes. Stateless.
 */
public final class TsfmPipeline {

    private TsfmPipeline() {
    }

    /** Adds the job to {@code env} (checkpointing and watermark interval included); execute {@code env} after. */
    public static void build(StreamExecutionEnvironment env, JobOptions o, ClassifierFactory classifiers) {
        if (o.parallelism() > 0) {
            env.setParallelism(o.parallelism());
        }
        env.enableCheckpointing(o.checkpointIntervalMillis(), CheckpointingMode.EXACTLY_ONCE);
        env.getConfig().setAutoWatermarkInterval(o.watermarkIntervalMillis());

        WatermarkStrategy<Decoded> watermarks = WatermarkStrategy
                .<Decoded>forBoundedOutOfOrderness(Duration.ofMillis(o.outOfOrdernessMillis()))
                .withTimestampAssigner((d, kafkaTimestamp) -> d.eventTimestampMillis());
        if (o.idleTimeoutMillis() > 0) {
            watermarks = watermarks.withIdleness(Duration.ofMillis(o.idleTimeoutMillis()));
        }
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
                        o.deviceDescription()), TypeInformation.of(DeviceWindow.class))
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
