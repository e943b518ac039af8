package io.tsfm.job.window;

import io.tsfm.core.annotation.Internal;
import io.tsfm.core.preprocess.ChannelDescriptions;
import io.tsfm.core.time.Clocks;
import io.tsfm.core.window.SampleFrame;
import io.tsfm.core.window.WindowAssembler;
import io.tsfm.core.window.WindowGrid;
import io.tsfm.core.window.WindowRejection;
import io.tsfm.job.decode.Frame;
import io.tsfm.job.decode.LayoutSpec;
import io.tsfm.job.decode.RejectedWindow;
import io.tsfm.job.decode.Rejection;
import io.tsfm.job.decode.SideOutputs;
import io.tsfm.job.metrics.ReservoirHistogram;
import io.tsfm.schemas.avro.DeadLetterReason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per device (the key), cuts sliding event-time windows from the frames and assembles each with the shared
 * {@link WindowAssembler} — the same rule the edge client applies — so dedupe, out-of-order placement, jitter
 * rounding and gap filling happen exactly once, in core.
 *
 * <p>Why a {@link KeyedProcessFunction} and not Flink's sliding windows: a frame is a run of samples, not a point.
 * Flink assigns an element to windows by one timestamp, so a frame that starts in one window and ends in the next
 * would be missing from the next; Flink would also keep each frame once per window (three copies at 6 s / 2 s). Here
 * each frame is kept once until the last window it overlaps has fired, and each window hands the assembler every
 * frame that overlaps it by time span (a superset; the assembler places samples by slot).
 *
 * <p>Event time is per device, not Flink's watermark: each device's clock is the newest frame start it has sent minus
 * the out-of-orderness bound (kept in keyed state, so it is checkpointed), and a device's windows fire when its own
 * clock passes them. One device's clock running ahead — a valid frame stamped 30 s or 10 min in the future — so makes
 * no other device's frames late, where a global watermark would have dead-lettered everybody else's data; a device
 * whose clock is minutes off or drifting is windowed on its own time like any other. How far each frame's time lies
 * from the job's wall clock is the {@code clockSkewMillis} histogram. A device that falls silent has its open windows
 * closed after {@code idleTimeoutMillis} without a frame from it — once that silence is not just a backlog: the
 * frames topic must have been read the timeout past its last frame's Kafka time ({@link IngestWatermarks}, which
 * back-pressure, a catch-up after a restore or a failover hold back), and no frame of it have come for the timeout in
 * processing time. So no window whose frames are still on their way is closed early. Should that read progress
 * stall, a device silent for thirty timeouts (counted from this task's start at the earliest) is closed anyway. The final watermark of a bounded
 * input closes every device's windows.
 *
 * <p>Layouts: a frame that carries its layout inline stores it under its id for this device; a frame that references
 * an id this device never sent is dead-lettered ({@code UNKNOWN_LAYOUT}), as is one whose channel count differs from
 * the layout it references ({@code INVALID_RECORD}).
 *
 * <p>Lateness: a frame whose first sample is at or behind its device's clock is late ({@code lateFrames}); it still
 * serves the windows of it that have not fired, and when none is left it is dead-lettered as {@code LATE}
 * ({@code lateFramesDropped}). Windows the assembler rejects go to {@link SideOutputs#REJECTED_WINDOWS} and are
 * counted by {@link WindowRejection} under {@code windowsRejected}.
 */
@Internal
public final class DeviceWindower extends KeyedProcessFunction<String, Frame, DeviceWindow> {

    private static final long serialVersionUID = 2L;
    private static final Logger LOG = LoggerFactory.getLogger(DeviceWindower.class);
    /** Event-time timer that only the final watermark of a bounded input reaches: closes every open window. */
    private static final long END_OF_INPUT = Long.MAX_VALUE;
    private static final int HISTOGRAM_WINDOW = 4096;
    /**
     * A device silent this many idle timeouts is closed even if the Kafka read progress has not passed it: bounded
     * liveness should that progress stall. Long on purpose: the read progress is right to hold back (a loaded machine
     * delayed the tail of one partition by 10 s in a test, where a 3-timeout fallback lost windows).
     */
    private static final int FALLBACK_TIMEOUTS = 30;

    private final WindowGrid grid;
    private final double maxGapSeconds;
    private final double minCoverage;
    private final String deviceDescription;
    private final long outOfOrdernessMillis;
    private final long idleTimeoutMillis;

    private transient WindowAssembler assembler;
    private transient ListState<BufferedFrame> frames;
    private transient MapState<String, LayoutSpec> layouts;
    /** Timers ({@link WindowGrid#timerFor}) of the windows that hold frames and have not fired. */
    private transient MapState<Long, Boolean> pending;
    /** The device's event-time clock: newest frame start minus the bound, minus 1 ms (as Flink's watermark). */
    private transient ValueState<Long> clock;
    /** Processing time of the device's last frame, and the processing-time idle timer registered for it. */
    private transient ValueState<Long> lastArrival;
    private transient ValueState<Long> idleTimer;
    /** Kafka time of the device's last frame (capped at the wall clock), and the ingest timer registered after it. */
    private transient ValueState<Long> lastIngest;
    private transient ValueState<Long> ingestTimer;
    /** When this task first saw a frame or a timer: silence is counted from here at the latest (restores). */
    private transient long openedAt;
    private transient Counter framesIn;
    private transient Counter windowsOut;
    private transient Counter lateFrames;
    private transient Counter lateFramesDropped;
    private transient Counter duplicateFrames;
    private transient Counter layoutRejections;
    private transient Counter idleCloses;
    private transient Histogram clockSkew;
    private transient Map<WindowRejection, Counter> rejectedWindows;
    private transient volatile long lastClock;

    /**
     * @param grid                 window length and hop
     * @param maxGapSeconds        longest run of missing samples the assembler fills
     * @param minCoverage          smallest fraction of real samples in a window
     * @param deviceDescription    text put before every channel description (the model reads "device + channel");
     *                             empty to use the layouts' descriptions as they are
     * @param outOfOrdernessMillis how far behind its newest frame start a device's frame may still arrive
     * @param idleTimeoutMillis    processing time without a frame after which a device's open windows close; 0 = never
     *                             (only the end of a bounded input closes them)
     */
    public DeviceWindower(WindowGrid grid, double maxGapSeconds, double minCoverage, String deviceDescription,
                          long outOfOrdernessMillis, long idleTimeoutMillis) {
        if (outOfOrdernessMillis < 0 || idleTimeoutMillis < 0) {
            throw new IllegalArgumentException("out-of-orderness and idle timeout must be >= 0 ms, got "
                    + outOfOrdernessMillis + " and " + idleTimeoutMillis);
        }
        this.grid = grid;
        this.maxGapSeconds = maxGapSeconds;
        this.minCoverage = minCoverage;
        this.deviceDescription = deviceDescription;
        this.outOfOrdernessMillis = outOfOrdernessMillis;
        this.idleTimeoutMillis = idleTimeoutMillis;
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
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending-windows", Types.LONG,
                Types.BOOLEAN));
        clock = getRuntimeContext().getState(new ValueStateDescriptor<>("device-clock", Types.LONG));
        lastArrival = getRuntimeContext().getState(new ValueStateDescriptor<>("last-arrival", Types.LONG));
        idleTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("idle-timer", Types.LONG));
        lastIngest = getRuntimeContext().getState(new ValueStateDescriptor<>("last-ingest", Types.LONG));
        ingestTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("ingest-timer", Types.LONG));
        openedAt = Long.MIN_VALUE;
        MetricGroup m = getRuntimeContext().getMetricGroup();
        framesIn = m.counter("framesIn");
        windowsOut = m.counter("windowsAssembled");
        m.meter("windowsAssembledPerSecond", new MeterView(windowsOut));
        lateFrames = m.counter("lateFrames");
        lateFramesDropped = m.counter("lateFramesDropped");
        duplicateFrames = m.counter("duplicateFramesInWindows");
        layoutRejections = m.counter("framesWithBadLayoutRef");
        idleCloses = m.counter("devicesClosedIdle");
        // frame end minus the wall clock at arrival: a device's clock offset (positive = ahead) plus transport delay
        clockSkew = m.histogram("clockSkewMillis", new ReservoirHistogram(HISTOGRAM_WINDOW));
        MetricGroup rejected = m.addGroup("windowsRejected");
        rejectedWindows = new EnumMap<>(WindowRejection.class);
        for (WindowRejection r : WindowRejection.values()) {
            rejectedWindows.put(r, rejected.counter(r.metricName()));
        }
        lastClock = Long.MIN_VALUE;
        // how far the last advanced device clock trails the wall clock: grows when the job falls behind
        m.gauge("eventTimeLagMillis", () -> lastClock == Long.MIN_VALUE ? 0L
                : System.currentTimeMillis() - lastClock);
    }

    @Override
    public void processElement(Frame frame, Context ctx, Collector<DeviceWindow> out) throws Exception {
        framesIn.inc();
        long now = ctx.timerService().currentProcessingTime();
        if (openedAt == Long.MIN_VALUE) {
            openedAt = now;
        }
        clockSkew.update(frame.endMicros() / 1000 - System.currentTimeMillis());
        LayoutSpec layout = resolveLayout(frame, ctx);
        if (layout == null) {
            return;
        }
        touch(frame, ctx, now);
        Long stored = clock.value();
        long deviceClock = stored == null ? Long.MIN_VALUE : stored;
        long end = frame.endMicros();
        boolean late = frame.timestampMillis() <= deviceClock;
        int open = 0;
        for (long e = grid.firstEnd(frame.startMicros()); e <= grid.lastEnd(end); e += grid.hopMicros()) {
            long timer = grid.timerFor(e);
            if (timer > deviceClock) {
                pending.put(timer, Boolean.TRUE);
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
                            + frame.startMicros() + ", " + end + ") us but the device's event time is already at "
                            + deviceClock + " ms: every window it belongs to has fired"));
            return;
        }
        frames.add(BufferedFrame.of(frame));
        // a bounded input's final watermark closes what is still open; an unbounded one never sends it
        ctx.timerService().registerEventTimeTimer(END_OF_INPUT);
        long advanced = frame.timestampMillis() - outOfOrdernessMillis - 1;
        if (advanced > deviceClock) {
            clock.update(advanced);
            lastClock = advanced;
            fireUpTo(advanced, ctx.getCurrentKey(), ctx, out);
        }
    }

    /**
     * Records the device's activity and moves its ingest timer: it fires once the frames topic has been read the idle
     * timeout past this frame's Kafka time (see {@link IngestWatermarks}), i.e. when a next frame would have arrived.
     */
    private void touch(Frame frame, Context ctx, long now) throws Exception {
        if (idleTimeoutMillis == 0) {
            return;
        }
        lastArrival.update(now);
        long ingest = Math.min(frame.source().timestampMillis(), now);
        lastIngest.update(ingest);
        long at = ingest + idleTimeoutMillis;
        Long registered = ingestTimer.value();
        if (registered == null || registered != at) {
            if (registered != null) {
                ctx.timerService().deleteEventTimeTimer(registered);
            }
            ctx.timerService().registerEventTimeTimer(at);
            ingestTimer.update(at);
        }
        if (idleTimer.value() == null) {
            registerIdleTimer(ctx, now + FALLBACK_TIMEOUTS * idleTimeoutMillis);
        }
    }

    private void registerIdleTimer(Context ctx, long at) throws Exception {
        ctx.timerService().registerProcessingTimeTimer(at);
        idleTimer.update(at);
    }

    /** Fires, oldest first, every pending window whose timer is at or before {@code upTo}. */
    private void fireUpTo(long upTo, String device, Context ctx, Collector<DeviceWindow> out) throws Exception {
        TreeSet<Long> due = new TreeSet<>();
        for (Long t : pending.keys()) {
            if (t <= upTo) {
                due.add(t);
            }
        }
        for (long timer : due) {
            pending.remove(timer);
            fire(timer, device, ctx, out);
        }
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
        String device = ctx.getCurrentKey();
        long now = ctx.timerService().currentProcessingTime();
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
            if (timestamp == END_OF_INPUT) {
                closeAll(device, ctx, out); // end of a bounded input
                return;
            }
            // the topic has been read the timeout past the device's last frame: nothing of it is held up any more
            ingestTimer.clear();
            Long last = lastArrival.value();
            if (last == null || pending.isEmpty()) {
                return;
            }
            if (now - last >= idleTimeoutMillis) {
                closeIdle(device, ctx, out);
            } else {
                // Kafka time ran ahead of its frames (a producer clock behind): wait for a silence in processing time
                registerIdleTimer(ctx, last + idleTimeoutMillis);
            }
            return;
        }
        idleTimer.clear();
        Long last = lastArrival.value();
        Long ingest = lastIngest.value();
        if (last == null || ingest == null || pending.isEmpty()) {
            return; // nothing open: its next frame registers a new timer
        }
        if (openedAt == Long.MIN_VALUE) {
            openedAt = now; // restored: silence counts from now, the backlog in Kafka may still hold its frames
        }
        long silentSince = Math.max(last, openedAt);
        boolean readPast = ctx.timerService().currentWatermark() >= ingest + idleTimeoutMillis;
        if ((readPast && now - last >= idleTimeoutMillis)
                || now - silentSince >= FALLBACK_TIMEOUTS * idleTimeoutMillis) {
            closeIdle(device, ctx, out);
            return;
        }
        registerIdleTimer(ctx, readPast ? last + idleTimeoutMillis
                : silentSince + FALLBACK_TIMEOUTS * idleTimeoutMillis);
        if (!readPast && ingestTimer.value() == null) {
            // restored: the topic is read again from the checkpoint; look again once it has been read past the device
            ctx.timerService().registerEventTimeTimer(ingest + idleTimeoutMillis);
            ingestTimer.update(ingest + idleTimeoutMillis);
        }
    }

    private void closeIdle(String device, Context ctx, Collector<DeviceWindow> out) throws Exception {
        idleCloses.inc();
        closeAll(device, ctx, out);
    }

    /**
     * Fires every pending window of the device now and moves its clock past them, so frames that arrive later for
     * them are late and none fires twice.
     */
    private void closeAll(String device, Context ctx, Collector<DeviceWindow> out) throws Exception {
        long last = Long.MIN_VALUE;
        for (Long t : pending.keys()) {
            last = Math.max(last, t);
        }
        if (last == Long.MIN_VALUE) {
            return;
        }
        fireUpTo(last, device, ctx, out);
        Long stored = clock.value();
        if (stored == null || stored < last) {
            clock.update(last);
        }
    }

    private void fire(long timer, String device, Context ctx, Collector<DeviceWindow> out) throws Exception {
        long end = grid.endForTimer(timer);
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

    private void emitWindow(String device, long start, long end, List<BufferedFrame> inWindow, Context ctx,
                            Collector<DeviceWindow> out) throws Exception {
        WindowAssembler.Result layoutChange = WindowAssembler.layoutChange(inWindow, BufferedFrame::layoutId,
                BufferedFrame::sequence);
        if (layoutChange != null) {
            reject(device, start, end, layoutChange, ctx);
            return;
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
            reject(device, start, end, result, ctx);
            return;
        }
        LayoutSpec layout = layouts.get(inWindow.get(0).layoutId());
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
                Clocks.nowMicros()));
    }

    private void reject(String device, long start, long end, WindowAssembler.Result rejected, Context ctx) {
        WindowRejection category = rejected.rejectionKind();
        rejectedWindows.get(category).inc();
        LOG.debug("device {} window [{}, {}) us rejected: {}", device, start, end, rejected.rejection());
        ctx.output(SideOutputs.REJECTED_WINDOWS, new RejectedWindow(device, start, end, category.name(),
                rejected.rejection()));
    }
}
