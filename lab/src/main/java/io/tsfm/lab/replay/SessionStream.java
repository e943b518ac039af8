package io.tsfm.lab.replay;

import io.tsfm.core.data.Session;
import io.tsfm.core.window.SampleFrame;
import io.tsfm.datasets.resample.LinearResampler;
import io.tsfm.edge.frame.DeviceFrame;
import io.tsfm.edge.frame.DeviceLayout;
import java.util.List;
import java.util.Objects;
import java.util.function.ObjLongConsumer;

/**
 * One simulated device recording continuously while it plays recorded sessions back to back: each session continues
 * where the previous one ended in event time, optionally resampled to a common rate (linear interpolation, the
 * readers' method), and the samples are cut into frames of a fixed number of samples. A frame runs across a session
 * boundary (an activity changing mid-frame, as on a real device) unless the layout or rate changes there; then the
 * frame ends early. Event times come from sample counts, so they never drift. Sequence numbers count from 0.
 *
 * <p>Not thread-safe.
 */
public final class SessionStream {
    private final String deviceId;
    private final List<Session> sessions;
    private final double rateHz;
    private final double frameSeconds;
    private final boolean loop;

    private int sessionIndex = -1;
    private float[][] current;
    private double currentRate;
    private DeviceLayout currentLayout;
    private int position;
    /** Event time of the first sample at the current rate, µs, and samples since then. */
    private long segmentStartMicros;
    private long segmentSamples;
    private long nextSequence;
    private boolean ended;
    private ObjLongConsumer<Session> sessionStarts;

    /**
     * @param deviceId     device id of every frame
     * @param sessions     recordings to play, in order; at least one with samples
     * @param rateHz       rate to resample to; NaN keeps each session's own rate
     * @param frameSeconds frame length in seconds (at least one sample)
     * @param loop         start again from the first session after the last one
     * @param startMicros  event time of the first sample
     */
    public SessionStream(String deviceId, List<Session> sessions, double rateHz, double frameSeconds, boolean loop,
                         long startMicros) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.sessions = sessions.stream().filter(s -> s.length() > 0 && s.numChannels() > 0).toList();
        if (this.sessions.isEmpty()) {
            throw new IllegalArgumentException("device " + deviceId + ": no sessions with samples to play (of " + sessions.size() + ")");
        }
        if (!(frameSeconds > 0)) throw new IllegalArgumentException("frame length must be positive, got " + frameSeconds + " s");
        if (!Double.isNaN(rateHz) && !(rateHz > 0)) throw new IllegalArgumentException("rate must be positive, got " + rateHz);
        this.rateHz = rateHz;
        this.frameSeconds = frameSeconds;
        this.loop = loop;
        this.segmentStartMicros = startMicros;
    }

    public String deviceId() {
        return deviceId;
    }

    /** Event time of the first sample of the next frame, µs. */
    public long nextStartMicros() {
        return segmentStartMicros + (currentRate == 0 ? 0 : SampleFrame.offsetMicros(segmentSamples, currentRate));
    }

    /** Whether another frame follows. */
    public boolean hasNext() {
        if (ended) return false;
        if (current == null || position >= current[0].length) {
            if (!advanceSession()) {
                ended = true;
                return false;
            }
        }
        return true;
    }

    /** The next frame; call only after {@link #hasNext()} returned true. */
    public DeviceFrame next() {
        if (!hasNext()) throw new IllegalStateException("device " + deviceId + ": no more frames");
        double rate = currentRate;
        DeviceLayout layout = currentLayout;
        int frameLength = SampleFrame.samplesPerFrame(frameSeconds, rate);
        long start = nextStartMicros();
        float[][] buffer = new float[layout.channelCount()][frameLength];
        int filled = 0;
        while (filled < frameLength) {
            if (position >= current[0].length) {
                if (!advanceSession()) {
                    ended = true;
                    break;
                }
                if (currentRate != rate || !currentLayout.layoutId().equals(layout.layoutId())) break;
            }
            int n = Math.min(frameLength - filled, current[0].length - position);
            for (int c = 0; c < buffer.length; c++) System.arraycopy(current[c], position, buffer[c], filled, n);
            position += n;
            filled += n;
            segmentSamples += n;
        }
        float[][] samples = buffer;
        if (filled < frameLength) {
            samples = new float[buffer.length][filled];
            for (int c = 0; c < buffer.length; c++) System.arraycopy(buffer[c], 0, samples[c], 0, filled);
        }
        return new DeviceFrame(deviceId, nextSequence++, start, rate, samples, layout);
    }

    /**
     * Tells {@code listener} the event time of the first sample of every session as the stream reaches it (before
     * the frame holding that sample is returned): the ground truth of what the device was doing when. Replaces any
     * listener set before; called on the thread that calls {@link #next()}.
     */
    public void onSessionStart(ObjLongConsumer<Session> listener) {
        this.sessionStarts = listener;
    }

    /** The session the next samples come from (for reports: its label); null before the first. */
    public Session currentSession() {
        return sessionIndex < 0 ? null : sessions.get(sessionIndex % sessions.size());
    }

    private boolean advanceSession() {
        if (sessionIndex + 1 >= sessions.size() && !loop) return false;
        sessionIndex++;
        Session s = sessions.get(sessionIndex % sessions.size());
        double rate;
        float[][] samples;
        if (Double.isNaN(rateHz) || rateHz == s.rateHz()) {
            samples = s.samples();
            rate = s.rateHz();
        } else {
            double[] times = new double[s.length()];
            for (int i = 0; i < times.length; i++) times[i] = i / s.rateHz();
            samples = LinearResampler.resample(times, s.samples(), rateHz);
            rate = rateHz;
        }
        if (samples[0].length == 0) return advanceSession();
        if (current != null && rate != currentRate) {
            // a new rate starts a new segment where the old one ended
            segmentStartMicros = nextStartMicros();
            segmentSamples = 0;
        }
        current = samples;
        currentRate = rate;
        currentLayout = DeviceLayout.of(s.channels());
        position = 0;
        if (sessionStarts != null) sessionStarts.accept(s, nextStartMicros());
        return true;
    }
}
