package io.tsfm.lab.fleet;

import io.tsfm.edge.frame.DeviceFrame;
import io.tsfm.edge.frame.ImuFrameCodec;
import io.tsfm.lab.replay.SessionStream;
import io.tsfm.schemas.avro.ImuFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One simulated device of a {@link FleetSimulator}: plays its sessions ({@link SessionStream}) on a true timeline and
 * applies the {@link Imperfections} on the way out. Produces "sends": the frames that leave the device at one true
 * instant (one frame normally, none when dropped, two when duplicated, many in a burst after a reconnection).
 * Not thread-safe.
 */
final class SimulatedDevice {
    private final SessionStream stream;
    private final Imperfections imp;
    private final SplittableRandom random;
    private final long trueStartMicros;
    private final long endMicros;
    private final long clockOffsetMicros;
    private final double drift;
    private final int inlineLayoutEvery;

    private final List<ImuFrame> held = new ArrayList<>();
    private final java.util.ArrayDeque<Send> queued = new java.util.ArrayDeque<>();
    private boolean disconnected;
    private long reconnectMicros;
    private String lastLayout;
    private long generated;
    private long dropped;
    private long duplicated;
    private long disconnects;
    private long inBursts;
    private boolean ended;

    /** Frames leaving the device at true time {@code atMicros}. */
    record Send(long atMicros, List<ImuFrame> frames) {}

    SimulatedDevice(SessionStream stream, Imperfections imp, long seed, long trueStartMicros, long endMicros,
                    int inlineLayoutEvery, ActivityTimeline timeline) {
        this.stream = stream;
        this.imp = imp;
        this.random = new SplittableRandom(seed);
        this.trueStartMicros = trueStartMicros;
        this.endMicros = endMicros;
        this.clockOffsetMicros = Math.round((2 * random.nextDouble() - 1) * imp.clockOffsetSeconds() * 1e6);
        this.drift = (2 * random.nextDouble() - 1) * imp.driftPpm() * 1e-6;
        this.inlineLayoutEvery = inlineLayoutEvery;
        // the truth on the device's clock: what a window cut from this device's frames covers
        stream.onSessionStart((session, trueMicros) ->
                timeline.record(stream.deviceId(), deviceClock(trueMicros), session.label()));
    }

    String deviceId() {
        return stream.deviceId();
    }

    /** The device clock's reading at true time {@code trueMicros}. */
    long deviceClock(long trueMicros) {
        return trueStartMicros + clockOffsetMicros + Math.round((trueMicros - trueStartMicros) * (1 + drift));
    }

    /** The next send, or null when the device has nothing more to send. */
    Send next() {
        if (!queued.isEmpty()) return queued.poll();
        while (!ended) {
            if (!stream.hasNext() || stream.nextStartMicros() >= endMicros) {
                ended = true;
                break;
            }
            DeviceFrame frame = stream.next();
            generated++;
            long measured = frame.endMicros(); // a frame can leave once its last sample exists
            if (disconnected && measured >= reconnectMicros) {
                // back online: first the burst of everything held, at the moment of reconnection, then this frame
                Send burst = releaseHeld();
                List<ImuFrame> out = wire(frame, measured);
                if (!out.isEmpty()) queued.add(new Send(measured, out));
                if (burst != null) return burst;
                if (!queued.isEmpty()) return queued.poll();
                continue;
            }
            if (!disconnected && imp.disconnectsPerHour() > 0) {
                double frameHours = (frame.endMicros() - frame.startMicros()) / 3.6e9;
                if (random.nextDouble() < imp.disconnectsPerHour() * frameHours) {
                    disconnected = true;
                    disconnects++;
                    reconnectMicros = measured + Math.round((0.5 + random.nextDouble()) * imp.disconnectSeconds() * 1e6);
                }
            }
            List<ImuFrame> out = wire(frame, measured);
            if (disconnected) {
                held.addAll(out);
                continue;
            }
            if (!out.isEmpty()) return new Send(measured, out);
        }
        // the recording ended during a disconnection: the device reconnects as planned and sends the rest
        return releaseHeld();
    }

    /** The held frames as one send at the reconnection, stamped as sent then; null when none are held. */
    private Send releaseHeld() {
        disconnected = false;
        if (held.isEmpty()) return null;
        long sentStamp = deviceClock(reconnectMicros);
        List<ImuFrame> burst = new ArrayList<>(held.size());
        for (ImuFrame f : held) burst.add(withSent(f, sentStamp));
        inBursts += held.size();
        held.clear();
        return new Send(reconnectMicros, burst);
    }

    /** The frame as it leaves the device: stamped by the device clock, dropped or duplicated. */
    private List<ImuFrame> wire(DeviceFrame frame, long sendAtMicros) {
        String layoutId = frame.layout().layoutId();
        boolean inline = !layoutId.equals(lastLayout) || frame.sequence() % inlineLayoutEvery == 0;
        lastLayout = layoutId;
        double jitter = 0;
        if (imp.jitterMillis() > 0) {
            jitter = Math.max(-3, Math.min(3, random.nextGaussian())) * imp.jitterMillis() * 1000;
        }
        // draw every random number whatever the outcome, so one setting does not change what the others do
        boolean drop = random.nextDouble() < imp.dropRate();
        boolean duplicate = random.nextDouble() < imp.duplicateRate();
        if (drop && !inline) {
            dropped++;
            return List.of();
        }
        long stamped = deviceClock(frame.startMicros()) + Math.round(jitter);
        ImuFrame wire = ImuFrameCodec.toWire(frame.withStartMicros(stamped), inline, deviceClock(sendAtMicros));
        if (duplicate) {
            duplicated++;
            return List.of(wire, ImuFrame.newBuilder(wire).build());
        }
        return List.of(wire);
    }

    private static ImuFrame withSent(ImuFrame f, long sentMicros) {
        return ImuFrame.newBuilder(f).setSentAtEpochMicros(sentMicros).build();
    }

    DeviceTruth truth() {
        return new DeviceTruth(deviceId(), clockOffsetMicros, drift * 1e6, generated, dropped, duplicated, disconnects,
                inBursts);
    }
}
