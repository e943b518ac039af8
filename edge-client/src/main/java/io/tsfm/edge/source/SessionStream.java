package io.tsfm.edge.source;

import io.tsfm.core.data.Session;
import io.tsfm.core.data.generic.LinearResampler;
import io.tsfm.edge.frame.DeviceFrame;
import io.tsfm.edge.frame.DeviceLayout;
import java.util.List;
import java.util.Objects;

/**
 * One simulated device playing recorded sessions back to back as frames: each session continues where the previous
 * one ended in event time, optionally resampled to a common rate (linear interpolation, the readers' method), cut
 * into frames of a fixed number of samples (a session's last frame may be shorter: frames never straddle two
 * recordings). Event times come from sample counts, so they do not drift. Sequence numbers count from 0.
 *
 * <p>Not thread-safe.
 */
public final class SessionStream {
    private final String deviceId;
    private final List<Session> sessions;
    private final double rateHz;
    private final double frameSeconds;
    private final boolean loop;
    private final long startMicros;

    private int sessionIndex = -1;
    private float[][] current;
    private double currentRate;
    private DeviceLayout currentLayout;
    private int position;
    /** Event time of sample 0 of the current session, µs. */
    private long sessionStartMicros;
    private long nextSequence;
    private long nextStartMicros;
    private boolean ended;

    /**
     * @param deviceId     device id of every frame
     * @param sessions     recordings to play, in order; not empty
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
        this.startMicros = startMicros;
        this.nextStartMicros = startMicros;
    }

    public String deviceId() {
        return deviceId;
    }

    /** Event time of the first sample of the next frame, µs; meaningful while {@link #hasNext()}. */
    public long nextStartMicros() {
        return nextStartMicros;
    }

    /** Whether another frame follows. */
    public boolean hasNext() {
        if (ended) return false;
        while (current == null || position >= current[0].length) {
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
        int frameLength = Math.max(1, (int) Math.round(frameSeconds * currentRate));
        int n = Math.min(frameLength, current[0].length - position);
        float[][] samples = new float[current.length][n];
        for (int c = 0; c < current.length; c++) System.arraycopy(current[c], position, samples[c], 0, n);
        long start = sessionStartMicros + Math.round(position * 1e6 / currentRate);
        DeviceFrame frame = new DeviceFrame(deviceId, nextSequence++, start, currentRate, samples, currentLayout);
        position += n;
        nextStartMicros = sessionStartMicros + Math.round(position * 1e6 / currentRate);
        return frame;
    }

    /** The session whose samples the next frame holds (for reports: its label). */
    public Session currentSession() {
        return sessionIndex < 0 ? null : sessions.get(sessionIndex % sessions.size());
    }

    private boolean advanceSession() {
        long previousEnd = current == null ? startMicros
                : sessionStartMicros + Math.round(current[0].length * 1e6 / currentRate);
        sessionIndex++;
        if (sessionIndex >= sessions.size() && !loop) return false;
        Session s = sessions.get(sessionIndex % sessions.size());
        if (Double.isNaN(rateHz) || rateHz == s.rateHz()) {
            current = s.samples();
            currentRate = s.rateHz();
        } else {
            double[] times = new double[s.length()];
            for (int i = 0; i < times.length; i++) times[i] = i / s.rateHz();
            current = LinearResampler.resample(times, s.samples(), rateHz);
            currentRate = rateHz;
        }
        currentLayout = DeviceLayout.of(s.channels());
        position = 0;
        sessionStartMicros = previousEnd;
        nextStartMicros = previousEnd;
        return true;
    }
}
