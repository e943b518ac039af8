package io.tsfm.lab.replay;

import io.tsfm.core.data.Session;
import io.tsfm.core.time.Clocks;
import io.tsfm.edge.frame.DeviceFrame;
import io.tsfm.edge.source.FrameSource;
import io.tsfm.edge.source.Pacer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Replays recorded sessions of a dataset as the frame streams of one or more devices, in real time or accelerated.
 * Device {@code i} of {@code n} plays sessions {@code i, i+n, i+2n, ...} back to back ({@link SessionStream}); all
 * devices start at the same event time and their frames are handed out in the order of their end times, each when
 * its last sample would have been measured (a device cannot send a sample before it exists).
 *
 * <pre>{@code
 * try (FrameSource source = DatasetReplaySource.builder().setSessions(dataset.sessions())
 *         .optDevices(4).optFrameSeconds(0.2).optPacer(Pacer.of(10)).build()) { ... }
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class DatasetReplaySource implements FrameSource {
    private final String description;
    private final Pacer pacer;
    private final long endMicros;
    private final PriorityQueue<Pending> queue = new PriorityQueue<>(Comparator
            .comparingLong((Pending p) -> p.frame.endMicros()).thenComparing(p -> p.frame.deviceId()));
    private final List<SessionStream> streams = new ArrayList<>();

    private record Pending(DeviceFrame frame, SessionStream stream) {}

    private DatasetReplaySource(Builder b) {
        this.pacer = b.pacer();
        int devices = b.devices();
        long start = b.startMicros() != Long.MIN_VALUE ? b.startMicros() : Clocks.nowMicros();
        this.endMicros = b.maxSeconds > 0 ? start + Math.round(b.maxSeconds * 1e6) : Long.MAX_VALUE;
        for (int d = 0; d < devices; d++) {
            List<Session> mine = new ArrayList<>();
            for (int i = d; i < b.sessions.size(); i += devices) mine.add(b.sessions.get(i));
            if (mine.isEmpty()) mine.add(b.sessions.get(d % b.sessions.size())); // more devices than sessions: share
            SessionStream stream = new SessionStream(b.devicePrefix() + d, mine, b.rateHz(), b.frameSeconds(), b.loop, start);
            streams.add(stream);
            offer(stream);
        }
        this.description = "replay of " + b.sessions.size() + " sessions" + (b.name.isEmpty() ? "" : " of " + b.name)
                + " as " + devices + " device(s), " + b.frameSeconds() + " s frames, "
                + (pacer.speed() == 0 ? "unpaced" : pacer.speed() + "x real time");
    }

    public static Builder builder() {
        return new Builder();
    }

    private void offer(SessionStream stream) {
        if (stream.hasNext() && stream.nextStartMicros() < endMicros) {
            queue.add(new Pending(stream.next(), stream));
        }
    }

    @Override
    public DeviceFrame next() throws InterruptedException {
        Pending p = queue.poll();
        if (p == null) return null;
        offer(p.stream);
        pacer.awaitEventTime(p.frame.endMicros());
        return p.frame;
    }

    /** The device streams, in device order (for reports: which session each is playing). */
    public List<SessionStream> streams() {
        return List.copyOf(streams);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        queue.clear();
    }

    /**
     * Builds a {@link DatasetReplaySource}; {@link #setSessions} is required. Defaults: 1 device, prefix
     * {@code device-}, each session at its own rate (no {@code optRateHz}), start the wall clock at build time.
     */
    public static final class Builder extends DevicePlaybackBuilder<Builder> {
        private List<Session> sessions;
        private String name = "";
        private boolean loop;
        private double maxSeconds;

        private Builder() {
            super(1, "device-", Double.NaN);
        }

        /** Sessions to replay, in order (e.g. {@code dataset.sessions()}). Required. */
        public Builder setSessions(List<Session> sessions) {
            this.sessions = List.copyOf(sessions);
            return this;
        }

        /** Name of the dataset, for {@link #describe()}. */
        public Builder optName(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }







        /** Play a device's sessions again after its last one (without optMaxSeconds: until closed); default false. */
        public Builder optLoop(boolean loop) {
            this.loop = loop;
            return this;
        }

        /** Stop after this many seconds of event time per device; 0 (default) for no limit. */
        public Builder optMaxSeconds(double maxSeconds) {
            this.maxSeconds = maxSeconds;
            return this;
        }

        public DatasetReplaySource build() {
            if (sessions == null || sessions.isEmpty()) {
                throw new IllegalStateException("DatasetReplaySource.builder(): setSessions with at least one session is required");
            }
            checkDevices();
            if (maxSeconds < 0) throw new IllegalArgumentException("optMaxSeconds must be >= 0, got " + maxSeconds);
            return new DatasetReplaySource(this);
        }
    }
}
