package io.tsfm.edge.window;

import io.tsfm.core.annotation.Internal;
import io.tsfm.core.window.SampleFrame;
import io.tsfm.core.window.WindowAssembler;
import io.tsfm.core.window.WindowGrid;
import io.tsfm.edge.frame.DeviceFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Cuts each device's frames into the sliding windows of a {@link WindowGrid} and assembles them with the shared
 * {@link WindowAssembler}: the grid and the rule the streaming job applies, so the edge and the job cut identical
 * windows from identical frames (the same windows exist, each assembled from every frame that overlaps it).
 *
 * <p>When a window is complete: a device's frames come in order, so the window ending at {@code e} is complete once a
 * frame starting at or after {@code e} arrives; {@link #flush()} completes the rest at the end of a stream. A window
 * exists only if some frame overlaps it, as in the job. A frame that arrives after windows it overlaps have already
 * been completed only serves the later ones ({@link #lateFrames()} counts them). A window whose frames change layout
 * is rejected by the job's rule ({@link WindowAssembler#layoutChange}).
 *
 * <p>Not thread-safe: one per consuming loop.
 */
@Internal
public final class EdgeWindower {
    private final WindowGrid grid;
    private final WindowAssembler assembler;
    private final Map<String, DeviceState> devices = new HashMap<>();
    private long lateFrames;

    private static final class DeviceState {
        final List<DeviceFrame> frames = new ArrayList<>();
        final List<Long> arrivals = new ArrayList<>();
        final TreeSet<Long> pendingEnds = new TreeSet<>();
        long lastCompletedEnd = Long.MIN_VALUE;
    }

    /**
     * @param grid          window length and hop
     * @param maxGapSeconds longest run of missing samples the assembler fills
     * @param minCoverage   smallest fraction of real samples in a window
     */
    public EdgeWindower(WindowGrid grid, double maxGapSeconds, double minCoverage) {
        this.grid = grid;
        this.assembler = new WindowAssembler(grid.lengthMicros() / 1e6, maxGapSeconds, minCoverage);
    }

    public WindowGrid grid() {
        return grid;
    }

    /** Frames that came after some window they overlap was already completed. */
    public long lateFrames() {
        return lateFrames;
    }

    /**
     * Takes one frame and returns the windows of its device that it completes, oldest first (often none).
     *
     * @param arrivalMicros wall-clock time the frame reached the client, µs (for end-to-end latency)
     */
    public List<EdgeWindow> accept(DeviceFrame frame, long arrivalMicros) {
        DeviceState state = devices.computeIfAbsent(frame.deviceId(), d -> new DeviceState());
        List<EdgeWindow> out = completeUpTo(frame.deviceId(), state, frame.startMicros());
        long first = grid.firstEnd(frame.startMicros());
        if (first <= state.lastCompletedEnd) lateFrames++;
        boolean open = false;
        for (long e = first; e <= grid.lastEnd(frame.endMicros()); e += grid.hopMicros()) {
            if (e > state.lastCompletedEnd) {
                state.pendingEnds.add(e);
                open = true;
            }
        }
        if (open) {
            state.frames.add(frame);
            state.arrivals.add(arrivalMicros);
        }
        return out;
    }

    /** Completes every open window of every device, oldest first per device (end of stream). */
    public List<EdgeWindow> flush() {
        List<EdgeWindow> out = new ArrayList<>();
        List<String> ids = new ArrayList<>(devices.keySet());
        ids.sort(null);
        for (String id : ids) out.addAll(completeUpTo(id, devices.get(id), Long.MAX_VALUE));
        return out;
    }

    private List<EdgeWindow> completeUpTo(String deviceId, DeviceState state, long upToMicros) {
        List<EdgeWindow> out = new ArrayList<>();
        while (!state.pendingEnds.isEmpty() && state.pendingEnds.first() <= upToMicros) {
            long end = state.pendingEnds.pollFirst();
            out.add(complete(deviceId, state, end));
            state.lastCompletedEnd = end;
            long pruneBefore = grid.pruneBefore(end);
            Iterator<DeviceFrame> frames = state.frames.iterator();
            Iterator<Long> arrivals = state.arrivals.iterator();
            while (frames.hasNext()) {
                DeviceFrame f = frames.next();
                arrivals.next();
                if (f.endMicros() <= pruneBefore) {
                    frames.remove();
                    arrivals.remove();
                }
            }
        }
        return out;
    }

    private EdgeWindow complete(String deviceId, DeviceState state, long end) {
        long start = grid.startOf(end);
        List<DeviceFrame> frames = new ArrayList<>();
        long newestArrival = 0;
        for (int i = 0; i < state.frames.size(); i++) {
            DeviceFrame f = state.frames.get(i);
            if (f.startMicros() < end && f.endMicros() > start) {
                frames.add(f);
                newestArrival = Math.max(newestArrival, state.arrivals.get(i));
            }
        }
        WindowAssembler.Result layoutChange = WindowAssembler.layoutChange(frames, f -> f.layout().layoutId(),
                DeviceFrame::sequence);
        if (layoutChange != null) {
            return new EdgeWindow(deviceId, start, end, null, 0, null, newestArrival, 0, layoutChange.rejection());
        }
        List<SampleFrame> inWindow = new ArrayList<>(frames.size());
        for (DeviceFrame f : frames) inWindow.add(f.toSampleFrame());
        WindowAssembler.Result r = assembler.assemble(inWindow, start);
        return new EdgeWindow(deviceId, start, end, frames.isEmpty() ? null : frames.get(0).layout(), r.rateHz(),
                r.samples(), newestArrival, r.duplicateFrames(), r.rejection());
    }
}
