package io.tsfm.job.inference;

import io.tsfm.core.annotation.Internal;
import io.tsfm.core.runtime.Classification;
import io.tsfm.core.runtime.WindowClassifier;
import io.tsfm.core.serving.LabelSetChoice;
import io.tsfm.core.serving.LabelSetEntry;
import io.tsfm.core.serving.ScoredWindow;
import io.tsfm.core.serving.ServingLoop;
import io.tsfm.core.time.Clocks;
import io.tsfm.job.metrics.ReservoirHistogram;
import io.tsfm.job.window.DeviceWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.stream.Collectors;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Classifies windows in micro-batches across devices: input 1 is the windows, input 2 the label-set updates
 * (broadcast to every instance and kept in broadcast state, so a new label set takes effect for the next batch,
 * without a restart, and survives restore).
 *
 * <p>A batch is classified when it holds {@code maxBatch} windows, when the oldest has waited {@code maxWaitMillis}
 * (a processing-time timer), before every checkpoint barrier and at end of input. Flushing before the barrier means
 * no window is ever in flight inside this operator at a checkpoint, so the buffer needs no state and exactly-once
 * holds. Each window is scored against the label set {@link LabelSetChoice} picks for its device; a batch holding
 * devices with different sets is split into one classifier call per set (the shared {@link ServingLoop}).
 *
 * <p>The classifier comes from a serializable {@link ClassifierFactory}, opened once per task. A window the classifier
 * reports as failed, or every window of a call that throws, is counted ({@code classificationFailures}) and logged
 * with its id: data never fails the job.
 *
 * <p>Runs on the task's mailbox thread only (elements and timers), so it needs no locking.
 */
@Internal
public final class InferenceOperator extends AbstractStreamOperator<ScoredWindow>
        implements TwoInputStreamOperator<DeviceWindow, LabelSetEntry, ScoredWindow> {

    private static final long serialVersionUID = 1L;

    /** Broadcast state: label-set id to the newest version seen. */
    public static final MapStateDescriptor<String, LabelSetEntry> LABEL_SETS = new MapStateDescriptor<>(
            "label-sets", Types.STRING, TypeInformation.of(LabelSetEntry.class));

    private static final int HISTOGRAM_WINDOW = 2048;

    private final ClassifierFactory factory;
    private final LabelSetEntry defaultLabels;
    private final int maxBatch;
    private final long maxWaitMillis;
    private final int topK;
    private final boolean allScores;

    private transient WindowClassifier classifier;
    private transient ServingLoop<DeviceWindow> serving;
    private transient BroadcastState<String, LabelSetEntry> labelSets;
    private transient List<StreamRecord<DeviceWindow>> buffer;
    private transient ScheduledFuture<?> flushTimer;
    private transient Counter windowsClassified;
    private transient Counter failures;
    private transient Counter labelSetUpdates;
    private transient Counter labelSetUpdatesIgnored;
    private transient Histogram batchSizes;
    private transient Histogram inferenceMicros;
    private transient Histogram processingMicros;

    /**
     * @param factory       opens the classifier of each task
     * @param defaultLabels label set used for devices no control-topic set applies to
     * @param maxBatch      most windows per classifier call (>= 1)
     * @param maxWaitMillis longest a window waits for its batch to fill (>= 0; 0 classifies every window alone)
     * @param topK          labels per prediction (>= 1)
     * @param allScores     emit every label's score (for smoothing downstream) instead of the top k
     */
    public InferenceOperator(ClassifierFactory factory, LabelSetEntry defaultLabels, int maxBatch, long maxWaitMillis,
                             int topK, boolean allScores) {
        if (maxBatch < 1 || maxWaitMillis < 0 || topK < 1) {
            throw new IllegalArgumentException("need maxBatch >= 1, maxWait >= 0, topK >= 1; got " + maxBatch + ", "
                    + maxWaitMillis + ", " + topK);
        }
        this.factory = factory;
        this.defaultLabels = defaultLabels;
        this.maxBatch = maxBatch;
        this.maxWaitMillis = maxWaitMillis;
        this.topK = topK;
        this.allScores = allScores;
        defaultLabels.toLabelSet(); // a bad default fails at job construction
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        labelSets = context.getOperatorStateStore().getBroadcastState(LABEL_SETS);
    }

    @Override
    public void open() throws Exception {
        super.open();
        buffer = new ArrayList<>();
        classifier = factory.create();
        serving = ServingLoop.<DeviceWindow>builder().setClassifier(classifier).setInput(DeviceWindow::toSensorWindow)
                .setTopK(topK).optAllScores(allScores).build();
        MetricGroup m = getMetricGroup();
        windowsClassified = m.counter("windowsClassified");
        m.meter("windowsClassifiedPerSecond", new MeterView(windowsClassified));
        failures = m.counter("classificationFailures");
        labelSetUpdates = m.counter("labelSetUpdates");
        labelSetUpdatesIgnored = m.counter("labelSetUpdatesIgnored");
        batchSizes = m.histogram("batchSize", new ReservoirHistogram(HISTOGRAM_WINDOW));
        inferenceMicros = m.histogram("inferenceLatencyMicros", new ReservoirHistogram(HISTOGRAM_WINDOW));
        processingMicros = m.histogram("windowProcessingLatencyMicros", new ReservoirHistogram(HISTOGRAM_WINDOW));
    }

    @Override
    public void processElement1(StreamRecord<DeviceWindow> element) {
        // the runtime may reuse the StreamRecord wrapper: keep our own
        buffer.add(new StreamRecord<>(element.getValue(), element.getTimestamp()));
        if (buffer.size() >= maxBatch || maxWaitMillis == 0) {
            flush();
        } else if (flushTimer == null) {
            long due = getProcessingTimeService().getCurrentProcessingTime() + maxWaitMillis;
            flushTimer = getProcessingTimeService().registerTimer(due, time -> {
                flushTimer = null;
                flush();
            });
        }
    }

    @Override
    public void processElement2(StreamRecord<LabelSetEntry> element) throws Exception {
        LabelSetEntry update = element.getValue();
        LabelSetEntry held = labelSets.get(update.id());
        if (!LabelSetChoice.supersedes(held, update)) {
            labelSetUpdatesIgnored.inc();
            LOG.info("label set {} v{} ignored: v{} is already in effect", update.id(), update.version(),
                    held.version());
            return;
        }
        labelSets.put(update.id(), update);
        labelSetUpdates.inc();
        LOG.info("label set {} now in effect", update);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        flush();
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    @Override
    public void close() throws Exception {
        try {
            if (flushTimer != null) {
                flushTimer.cancel(false);
            }
            if (classifier != null) {
                classifier.close();
            }
        } finally {
            super.close();
        }
    }

    private void flush() {
        if (flushTimer != null) {
            flushTimer.cancel(false);
            flushTimer = null;
        }
        if (buffer.isEmpty()) {
            return;
        }
        List<StreamRecord<DeviceWindow>> batch = buffer;
        buffer = new ArrayList<>();
        batchSizes.update(batch.size());
        List<LabelSetEntry> sets = new ArrayList<>();
        try {
            labelSets.immutableEntries().forEach(e -> sets.add(e.getValue()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the label-set broadcast state", e);
        }
        List<DeviceWindow> windows = new ArrayList<>(batch.size());
        for (StreamRecord<DeviceWindow> r : batch) {
            windows.add(r.getValue());
        }
        for (ServingLoop.Group<DeviceWindow> group : serving.classify(windows,
                d -> LabelSetChoice.choose(sets, d, defaultLabels))) {
            emit(group, batch);
        }
    }

    private void emit(ServingLoop.Group<DeviceWindow> group, List<StreamRecord<DeviceWindow>> batch) {
        if (!group.ok()) {
            failures.inc(group.size());
            LOG.error("classifier {} failed on {} windows ({}) with label set {}", group.modelId(), group.size(),
                    group.windows().stream().map(DeviceWindow::windowId).collect(Collectors.joining(", ")),
                    group.labelSet(), group.failure());
            return;
        }
        inferenceMicros.update(group.inferenceMicros());
        for (int i = 0; i < group.size(); i++) {
            DeviceWindow w = group.windows().get(i);
            Classification c = group.results().get(i);
            if (!c.ok()) {
                failures.inc();
                LOG.warn("window {} not classified: {}", w.windowId(), c.error());
                continue;
            }
            long processing = Math.max(0, Clocks.nowMicros() - w.firedAtMicros());
            processingMicros.update(processing);
            windowsClassified.inc();
            output.collect(new StreamRecord<>(group.scored(i, processing),
                    batch.get(group.positions().get(i)).getTimestamp()));
        }
    }
}
