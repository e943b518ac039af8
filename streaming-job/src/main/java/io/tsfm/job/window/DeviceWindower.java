package io.tsfm.job.window;

import io.tsfm.core.preprocess.ChannelDescriptions;
import io.tsfm.core.window.SampleFrame;
import io.tsfm.core.window.WindowAssembler;
import io.tsfm.core.window.WindowGrid;
import io.tsfm.job.SideOutputs;
import io.tsfm.job.decode.Frame;
import io.tsfm.job.decode.LayoutSpec;
import io.tsfm.job.decode.Rejection;
import io.tsfm.job.decode.WallClock;
import io.tsfm.schemas.avro.DeadLetterReason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per device (the key), cuts sliding event-time windows from the frames and assembles each with the shared
 * {@link WindowAssembler} — the same rule the edge client applies — so dedupe, out-of-order placement, jitter
 * rounding and gap filling happen exactly once, in core.
 *
 * <p>Why a {@link KeyedProcessFunction} with event-time timers and not Flink's sliding windows: a frame is a run of
 * samples, not a point. Flink assigns an element to windows by one timestamp, so a frame that starts in one window
 * and ends in the next would be missing from the next; Flink would also keep each frame once per window (three
 * copies at 6 s / 2 s) and handle lateness per window, while a frame here is late once, when it arrives behind the
 * watermark. Here each frame is kept once until the last window it overlaps has fired, and each window hands the
 * assembler every frame that overlaps it by time span (a superset; the assembler places samples by slot).
 *
 * <p>Layouts: a frame that carries its layout inline stores it under its id for this device; a frame that references
 * an id this device never sent is dead-lettered ({@code UNKNOWN_LAYOUT}), as is one whose channel count differs from
 * the layout it references ({@code INVALID_RECORD}).
 *
 * <p>Lateness: a frame whose first sample is at or behind the watermark is late ({@code lateFrames}); it still serves
 * the windows of it that have not fired, and when none is left it is dead-lettered as {@code LATE}
 * ({@code lateFramesDropped}). Windows the assembler rejects go to {@link SideOutputs#REJECTED_WINDOWS} and are
 * counted by {@link WindowRejection} under {@code windowsRejected}.
 */
public final class DeviceWindower extends KeyedProcessFunction<String, Frame, DeviceWindow> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DeviceWindower.class);

    private final WindowGrid grid;
    private final double maxGapSeconds;
    private final double minCoverage;
    private final String deviceDescription;

    private transient WindowAssembler assembler;
    private transient ListState<BufferedFrame> frames;
    private transient MapState<String, LayoutSpec> layouts;
    private transient Counter framesIn;
    private transient Counter windowsOut;
    private transient Counter lateFrames;
    private transient Counter lateFramesDropped;
    private transient Counter duplicateFrames;
    private transient Counter layoutRejections;
    private transient Map<WindowRejection, Counter> rejectedWindows;
    private transient volatile long lastWatermark;

    /**
     * @param grid              window length and hop
     * @param maxGapSeconds     longest run of missing samples the assembler fills
     * @param minCoverage       smallest fraction of real samples in a window
     * @param deviceDescription text put before every channel description (the model reads "device + channel");
     *                          empty to use the layouts' descriptions as they are
     */
    public DeviceWindower(WindowGrid grid, double maxGapSeconds, double minCoverage, String deviceDescription) {
        this.grid = grid;
        this.maxGapSeconds = maxGapSeconds;
        this.minCoverage = minCoverage;
        this.deviceDescription = deviceDescription;
        // fail at job construction, not in a task
        new WindowAssembler(grid.lengthMicros() / 1e6, maxGapSeconds, minCoverage);
    }

    @Override
    public void open(OpenContext openContext) {
        assembler = new WindowAssembler(grid.lengthMicros() / 1e6, maxGapSeconds, minCoverage);
        frames = getRuntimeContext().getListState(
                new ListStateDescriptor<>("frames", TypeInformation.of(BufferedFrame.class)));
        layouts = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("layouts", Types.STRING, TypeInformation.of(LayoutSpec.class)));
        MetricGroup m = getRuntimeContext().getMetricGroup();
        framesIn = m.counter("framesIn");
        windowsOut = m.counter("windowsAssembled");
        m.meter("windowsAssembledPerSecond", new MeterView(windowsOut));
        lateFrames = m.counter("lateFrames");
        lateFramesDropped = m.counter("lateFramesDropped");
        duplicateFrames = m.counter("duplicateFramesInWindows");
        layoutRejections = m.counter("framesWithBadLayoutRef");
        MetricGroup rejected = m.addGroup("windowsRejected");
        rejectedWindows = new EnumMap<>(WindowRejection.class);
        for (WindowRejection r : WindowRejection.values()) {
            rejectedWindows.put(r, rejected.counter(r.metricName()));
        }
        lastWatermark = Long.MIN_VALUE;
        // how far event time trails the wall clock: grows when a partition stalls or the job falls behind
        m.gauge("eventTimeLagMillis", () -> lastWatermark == Long.MIN_VALUE ? 0L
                : System.currentTimeMillis() - lastWatermark);
    }

    @Override
    public void processElement(Frame frame, Context ctx, Collector<DeviceWindow> out) throws Exception {
        framesIn.inc();
        long watermark = ctx.timerService().currentWatermark();
        lastWatermark = watermark;
        LayoutSpec layout = resolveLayout(frame, ctx);
        if (layout == null) {
            return;
        }
        long end = frame.endMicros();
        boolean late = frame.timestampMillis() <= watermark;
        int open = 0;
        for (long e = grid.firstEnd(frame.startMicros()); e <= grid.lastEnd(end); e += grid.hopMicros()) {
            long timer = grid.timerFor(e);
            if (timer > watermark) {
                ctx.timerService().registerEventTimeTimer(timer);
                open++;
            }
        }
        if (late) {
            lateFrames.inc();
        }
        if (open == 0) {
            lateFramesDropped.inc();
            ctx.output(SideOutputs.REJECTIONS, Rejection.of(frame.source(), DeadLetterReason.LATE,
                    "ImuFrame from device '" + frame.deviceId() + "' #" + frame.sequence() + " covers ["
                            + frame.startMicros() + ", " + end + ") us but the watermark is already at "
                            + watermark + " ms: every window it belongs to has fired"));
            return;
        }
        frames.add(BufferedFrame.of(frame));
    }

    /** The layout the frame's columns follow, or null after dead-lettering the frame. */
    private LayoutSpec resolveLayout(Frame frame, Context ctx) throws Exception {
        if (frame.inlineLayout() != null) {
            layouts.put(frame.layoutId(), frame.inlineLayout());
            return frame.inlineLayout();
        }
        LayoutSpec layout = layouts.get(frame.layoutId());
        String at = "ImuFrame from device '" + frame.deviceId() + "' #" + frame.sequence() + ": ";
        if (layout == null) {
            List<String> known = new ArrayList<>();
            layouts.keys().forEach(known::add);
            layoutRejections.inc();
            ctx.output(SideOutputs.REJECTIONS, Rejection.of(frame.source(), DeadLetterReason.UNKNOWN_LAYOUT,
                    at + "ImuFrame.layout<LayoutRef>.layoutId: '" + frame.layoutId() + "' was never sent inline by "
                            + "this device (known: " + known + "); send the layout inline first"));
            return null;
        }
        if (layout.channelCount() != frame.channelCount()) {
            layoutRejections.inc();
            ctx.output(SideOutputs.REJECTIONS, Rejection.of(frame.source(), DeadLetterReason.INVALID_RECORD,
                    at + "ImuFrame.channelCount: " + frame.channelCount() + " channels but layout '"
                            + frame.layoutId() + "' has " + layout.channelCount() + " "
                            + Arrays.toString(layout.names())));
            return null;
        }
        return layout;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DeviceWindow> out) throws Exception {
        lastWatermark = ctx.timerService().currentWatermark();
        String device = ctx.getCurrentKey();
        long end = grid.endForTimer(timestamp);
        long start = grid.startOf(end);
        List<BufferedFrame> kept = new ArrayList<>();
        List<BufferedFrame> inWindow = new ArrayList<>();
        long pruneBefore = grid.pruneBefore(end);
        for (BufferedFrame f : frames.get()) {
            if (f.overlaps(start, end)) {
                inWindow.add(f);
            }
            if (f.endMicros() > pruneBefore) {
                kept.add(f);
            }
        }
        if (kept.isEmpty()) {
            frames.clear();
        } else {
            frames.update(kept);
        }
        emitWindow(device, start, end, inWindow, ctx, out);
    }

    private void emitWindow(String device, long start, long end, List<BufferedFrame> inWindow, OnTimerContext ctx,
                            Collector<DeviceWindow> out) throws Exception {
        String layoutId = inWindow.isEmpty() ? null : inWindow.get(0).layoutId();
        for (BufferedFrame f : inWindow) {
            if (!f.layoutId().equals(layoutId)) {
                reject(device, start, end, "layout changed inside the window: '" + layoutId + "' then '"
                        + f.layoutId() + "' (frame " + f.sequence() + ")", ctx);
                return;
            }
        }
        List<SampleFrame> sampleFrames = new ArrayList<>(inWindow.size());
        long newestSent = 0;
        for (BufferedFrame f : inWindow) {
            sampleFrames.add(f.toSampleFrame(device));
            newestSent = Math.max(newestSent, f.sentMicros());
        }
        WindowAssembler.Result result = assembler.assemble(sampleFrames, start);
        duplicateFrames.inc(result.duplicateFrames());
        if (!result.ok()) {
            reject(device, start, end, result.rejection(), ctx);
            return;
        }
        LayoutSpec layout = layouts.get(layoutId);
        float[][] samples = result.samples();
        String[] descriptions = new String[samples.length];
        for (int c = 0; c < samples.length; c++) {
            float factor = layout.toCanonical()[c];
            if (factor != 1f) {
                float[] ch = samples[c];
                for (int t = 0; t < ch.length; t++) {
                    ch[t] *= factor;
                }
            }
            descriptions[c] = ChannelDescriptions.onDevice(deviceDescription, layout.descriptions()[c]);
        }
        windowsOut.inc();
        out.collect(new DeviceWindow(device, start, end, result.rateHz(), samples, descriptions, newestSent,
                WallClock.nowMicros()));
    }

    private void reject(String device, long start, long end, String reason, OnTimerContext ctx) {
        WindowRejection category = WindowRejection.of(reason);
        rejectedWindows.get(category).inc();
        LOG.debug("device {} window [{}, {}) us rejected: {}", device, start, end, reason);
        ctx.output(SideOutputs.REJECTED_WINDOWS, new RejectedWindow(device, start, end, category.name(), reason));
    }
}
