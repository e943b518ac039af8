package io.tsfm.lab.demo;

import io.tsfm.core.time.Clocks;
import io.tsfm.core.window.SampleFrame;
import io.tsfm.lab.fleet.FleetSink;
import io.tsfm.schemas.avro.ImuFrame;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link FleetSink} that notes when each frame left its device (on this machine's wall clock) before passing it on,
 * so the demo can measure end-to-end latency on one clock: from the frame that completes a window leaving the device
 * to the window's prediction being readable. Frames are indexed per device by their end on the device's own clock,
 * the clock the job's windows are cut on. The newest {@value #KEPT} frames per device are kept.
 *
 * <p>{@link #send} from the fleet's thread; {@link #sentAt} from any thread.
 */
final class SendTimes implements FleetSink {
    static final int KEPT = 4096;
    /** How far before a window's end a frame may end and still be the one completing it (timestamp jitter). */
    private static final long TOLERANCE_MICROS = 20_000;

    private final FleetSink delegate;
    private final Map<String, ConcurrentSkipListMap<Long, Long>> byDevice = new ConcurrentHashMap<>();

    SendTimes(FleetSink delegate) {
        this.delegate = delegate;
    }

    @Override
    public void send(ImuFrame frame) {
        int steps = frame.getSamples().size() / frame.getChannelCount();
        long end = frame.getFirstSampleEpochMicros() + SampleFrame.offsetMicros(steps, frame.getSampleRateHz());
        ConcurrentSkipListMap<Long, Long> sent = byDevice.computeIfAbsent(frame.getDeviceId(),
                d -> new ConcurrentSkipListMap<>());
        sent.putIfAbsent(end, Clocks.nowMicros()); // a duplicate left later; the first one counts
        while (sent.size() > KEPT) sent.pollFirstEntry();
        delegate.send(frame);
    }

    /** Wall-clock time the frame completing the window that ends at {@code windowEndMicros} was sent, if known. */
    OptionalLong sentAt(String deviceId, long windowEndMicros) {
        ConcurrentSkipListMap<Long, Long> sent = byDevice.get(deviceId);
        if (sent == null) return OptionalLong.empty();
        Map.Entry<Long, Long> e = sent.ceilingEntry(windowEndMicros - TOLERANCE_MICROS);
        return e == null ? OptionalLong.empty() : OptionalLong.of(e.getValue());
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public long failures() {
        return delegate.failures();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
