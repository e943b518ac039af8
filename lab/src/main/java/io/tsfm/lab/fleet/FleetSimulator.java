package io.tsfm.lab.fleet;

import io.tsfm.core.data.Session;
import io.tsfm.core.time.Clocks;
import io.tsfm.edge.source.Pacer;
import io.tsfm.lab.replay.DevicePlaybackBuilder;
import io.tsfm.lab.replay.SessionStream;
import io.tsfm.schemas.avro.ImuFrame;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A fleet of simulated devices replaying real sessions of a dataset as {@code ImuFrame}s, with the imperfections of
 * real devices ({@link Imperfections}: clock offset and drift, jitter, dropped and duplicated frames, bursts after
 * reconnections): the load generator of the streaming job's benchmark and of the demo.
 *
 * <p>Each device plays the whole session list back to back from its own starting point (device {@code d} of
 * {@code n} starts at session {@code d * sessions / n}), looping, resampled to the fleet's rate, cut into frames of
 * {@code frameSeconds}. All devices share one true timeline; sends are made in true-time order, paced by a
 * {@link Pacer} (real time, accelerated, or as fast as possible). A run ends when the sessions run out (no loop),
 * after {@code seconds} of event time per device, after {@code maxFrames} frames sent, or at {@link #stop()}.
 *
 * <p>Event time: paced runs start at the wall clock; an unpaced run starts {@code seconds} before it, so its data
 * ends about now and a job does not take it for data from the future. Deterministic for a seed (apart from pacing).
 *
 * <p>{@link #run()} on one thread; {@link #stop()} from any. Does not own the sink.
 */
public final class FleetSimulator {
    private final List<Session> sessions;
    private final int devices;
    private final double rateHz;
    private final double frameSeconds;
    private final double seconds;
    private final long maxFrames;
    private final Pacer pacer;
    private final Imperfections imperfections;
    private final long seed;
    private final String devicePrefix;
    private final long startMicros;
    private final int inlineLayoutEvery;
    private final FleetSink sink;
    private final ActivityTimeline timeline = new ActivityTimeline();
    private volatile boolean stopped;
    private boolean ran;

    private FleetSimulator(Builder b) {
        this.sessions = b.sessions;
        this.devices = b.devices();
        this.rateHz = b.rateHz();
        this.frameSeconds = b.frameSeconds();
        this.seconds = b.seconds;
        this.maxFrames = b.maxFrames;
        this.pacer = b.pacer();
        this.imperfections = b.imperfections;
        this.seed = b.seed;
        this.devicePrefix = b.devicePrefix();
        this.inlineLayoutEvery = b.inlineLayoutEvery;
        this.sink = b.sink;
        long now = Clocks.nowMicros();
        this.startMicros = b.startMicros() != Long.MIN_VALUE ? b.startMicros()
                : pacer.speed() == 0 && seconds > 0 ? now - Math.round(seconds * 1e6) : now;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** True time of the first sample of every device, µs since the epoch. */
    public long startMicros() {
        return startMicros;
    }

    /** What every device is doing when, on its own clock; filled while {@link #run()} plays (readable from any thread). */
    public ActivityTimeline timeline() {
        return timeline;
    }

    /** Ends {@link #run()} after the send in hand. */
    public void stop() {
        stopped = true;
    }

    /** Runs the fleet to one of its bounds and flushes the sink. */
    public FleetReport run() throws InterruptedException {
        if (ran) throw new IllegalStateException("a FleetSimulator runs once");
        ran = true;
        long endMicros = seconds > 0 ? startMicros + Math.round(seconds * 1e6) : Long.MAX_VALUE;
        SplittableRandom seeds = new SplittableRandom(seed);
        List<SimulatedDevice> fleet = new ArrayList<>(devices);
        for (int d = 0; d < devices; d++) {
            int first = (int) ((long) d * sessions.size() / devices);
            List<Session> order = new ArrayList<>(sessions.subList(first, sessions.size()));
            order.addAll(sessions.subList(0, first));
            SessionStream stream = new SessionStream(devicePrefix + d, order, rateHz, frameSeconds, seconds > 0, startMicros);
            fleet.add(new SimulatedDevice(stream, imperfections, seeds.nextLong(), startMicros, endMicros, inlineLayoutEvery,
                    timeline));
        }
        record Due(SimulatedDevice device, SimulatedDevice.Send send) {}
        PriorityQueue<Due> queue = new PriorityQueue<>(Comparator.comparingLong((Due d) -> d.send.atMicros())
                .thenComparing(d -> d.device.deviceId()));
        for (SimulatedDevice device : fleet) {
            SimulatedDevice.Send s = device.next();
            if (s != null) queue.add(new Due(device, s));
        }
        long wallStart = System.nanoTime();
        long sent = 0;
        String stoppedBy = "data";
        while (!queue.isEmpty()) {
            if (stopped) {
                stoppedBy = "stop";
                break;
            }
            Due due = queue.poll();
            pacer.awaitEventTime(due.send.atMicros());
            boolean full = false;
            for (ImuFrame frame : due.send.frames()) {
                if (maxFrames > 0 && sent >= maxFrames) {
                    full = true;
                    break;
                }
                sink.send(frame);
                sent++;
            }
            if (full) {
                stoppedBy = "frames";
                break;
            }
            SimulatedDevice.Send next = due.device.next();
            if (next != null) queue.add(new Due(due.device, next));
        }
        if (stoppedBy.equals("data") && seconds > 0) stoppedBy = "seconds";
        sink.flush();
        double wall = (System.nanoTime() - wallStart) / 1e9;
        List<DeviceTruth> truths = new ArrayList<>();
        long generated = 0, dropped = 0, duplicated = 0, disconnects = 0, bursts = 0;
        for (SimulatedDevice device : fleet) {
            DeviceTruth t = device.truth();
            truths.add(t);
            generated += t.framesGenerated();
            dropped += t.framesDropped();
            duplicated += t.framesDuplicated();
            disconnects += t.disconnects();
            bursts += t.framesInBursts();
        }
        return new FleetReport(truths, generated, sent, dropped, duplicated, disconnects, bursts, sink.failures(),
                seconds > 0 ? seconds : Double.NaN, wall, stoppedBy);
    }

    /**
     * Builds a {@link FleetSimulator}; sessions and sink are required. Defaults: 10 devices, prefix {@code sim-}, 50 Hz,
     * start see the class comment.
     */
    public static final class Builder extends DevicePlaybackBuilder<Builder> {
        private List<Session> sessions;
        private double seconds = 60;
        private long maxFrames;
        private Imperfections imperfections = Imperfections.realistic();
        private long seed = 42;
        private int inlineLayoutEvery = 50;
        private FleetSink sink;

        private Builder() {
            super(10, "sim-", 50);
        }

        /** Sessions the devices replay (e.g. a dataset's). Required. */
        public Builder setSessions(List<Session> sessions) {
            this.sessions = List.copyOf(sessions);
            return this;
        }

        /** Where frames go. Required. */
        public Builder setSink(FleetSink sink) {
            this.sink = Objects.requireNonNull(sink, "sink");
            return this;
        }




        /** Event seconds per device (sessions loop to fill them); 0 plays every session once; default 60. */
        public Builder optSeconds(double seconds) {
            this.seconds = seconds;
            return this;
        }

        /** Stop after this many frames sent, duplicates included; 0 (default) for no limit. */
        public Builder optMaxFrames(long maxFrames) {
            this.maxFrames = maxFrames;
            return this;
        }


        /** What goes wrong; default {@link Imperfections#realistic()}. */
        public Builder optImperfections(Imperfections imperfections) {
            this.imperfections = Objects.requireNonNull(imperfections, "imperfections");
            return this;
        }

        /** Seed of every random choice; default 42. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }



        /** Send a device's layout inline at least every this many sequence numbers; default 50. */
        public Builder optInlineLayoutEvery(int every) {
            this.inlineLayoutEvery = every;
            return this;
        }

        public FleetSimulator build() {
            if (sessions == null || sessions.isEmpty()) throw new IllegalStateException("FleetSimulator.builder(): setSessions with at least one session is required");
            if (sink == null) throw new IllegalStateException("FleetSimulator.builder(): setSink is required");
            checkDevices();
            checkRateAndFrame();
            if (!(seconds >= 0)) throw new IllegalArgumentException("optSeconds must be >= 0, got " + seconds);
            if (maxFrames < 0) throw new IllegalArgumentException("optMaxFrames must be >= 0, got " + maxFrames);
            if (inlineLayoutEvery < 1) throw new IllegalArgumentException("optInlineLayoutEvery must be >= 1, got " + inlineLayoutEvery);
            return new FleetSimulator(this);
        }
    }
}
