package io.tsfm.lab.replay;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Units;
import io.tsfm.core.time.Clocks;
import io.tsfm.core.window.SampleFrame;
import io.tsfm.edge.frame.DeviceFrame;
import io.tsfm.edge.frame.DeviceLayout;
import io.tsfm.edge.source.FrameSource;
import io.tsfm.edge.source.Pacer;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A made-up waist-worn device for smoke tests and demos without data: a triaxial accelerometer (m/s²) and gyroscope
 * (rad/s) that alternate between standing still (gravity on the vertical axis plus sensor noise) and walking (a
 * 1.8 Hz step rhythm on every axis), switching every {@code phaseSeconds}. Deterministic for a seed; several devices
 * get phase-shifted copies. Frames of all devices come in event-time order, paced like a replay.
 *
 * <p>Not thread-safe.
 */
public final class SyntheticSource implements FrameSource {
    /** The channels of every synthetic device. */
    public static final DeviceLayout LAYOUT = DeviceLayout.of(List.of(
            Channel.of("acc_x", SensorKind.ACCELEROMETER, "x", "waist"),
            Channel.of("acc_y", SensorKind.ACCELEROMETER, "y", "waist"),
            Channel.of("acc_z", SensorKind.ACCELEROMETER, "z", "waist"),
            Channel.of("gyro_x", SensorKind.GYROSCOPE, "x", "waist"),
            Channel.of("gyro_y", SensorKind.GYROSCOPE, "y", "waist"),
            Channel.of("gyro_z", SensorKind.GYROSCOPE, "z", "waist")));

    private final int devices;
    private final String prefix;
    private final double rateHz;
    private final int frameSamples;
    private final long startMicros;
    private final long totalSamples;
    private final double phaseSeconds;
    private final Pacer pacer;
    private final SplittableRandom random;
    private final long[] position;
    private int nextDevice;

    private SyntheticSource(Builder b) {
        this.devices = b.devices();
        this.prefix = b.devicePrefix();
        this.rateHz = b.rateHz();
        this.frameSamples = SampleFrame.samplesPerFrame(b.frameSeconds(), b.rateHz());
        this.startMicros = b.startMicros() != Long.MIN_VALUE ? b.startMicros() : Clocks.nowMicros();
        this.totalSamples = b.seconds > 0 ? Math.round(b.seconds * b.rateHz()) : Long.MAX_VALUE;
        this.phaseSeconds = b.phaseSeconds;
        this.pacer = b.pacer();
        this.random = new SplittableRandom(b.seed);
        this.position = new long[devices];
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether device {@code d} is walking at sample {@code i} (the ground truth of the signal). */
    public boolean walking(int device, long sample) {
        double t = sample / rateHz + device * 0.37 * phaseSeconds;
        return ((long) Math.floor(t / phaseSeconds)) % 2 == 1;
    }

    @Override
    public DeviceFrame next() throws InterruptedException {
        // devices take turns; all have the same frame length, so this is event-time order
        int d = nextDevice;
        if (position[d] >= totalSamples) return null;
        nextDevice = (nextDevice + 1) % devices;
        long from = position[d];
        int n = (int) Math.min(frameSamples, totalSamples - from);
        float[][] samples = new float[6][n];
        for (int i = 0; i < n; i++) {
            long s = from + i;
            double t = s / rateHz;
            boolean walking = walking(d, s);
            double step = walking ? Math.sin(2 * Math.PI * 1.8 * t + d) : 0;
            samples[0][i] = (float) (1.5 * step + 0.05 * random.nextGaussian());
            samples[1][i] = (float) (0.8 * step + 0.05 * random.nextGaussian());
            samples[2][i] = (float) (Units.G + 2.5 * step + 0.05 * random.nextGaussian());
            samples[3][i] = (float) (0.6 * step + 0.01 * random.nextGaussian());
            samples[4][i] = (float) (0.3 * step + 0.01 * random.nextGaussian());
            samples[5][i] = (float) (0.2 * step + 0.01 * random.nextGaussian());
        }
        position[d] += n;
        long start = startMicros + SampleFrame.offsetMicros(from, rateHz);
        DeviceFrame frame = new DeviceFrame(prefix + d, from / frameSamples, start, rateHz, samples, LAYOUT);
        pacer.awaitEventTime(frame.endMicros());
        return frame;
    }

    @Override
    public String describe() {
        return "synthetic waist IMU x" + devices + " at " + rateHz + " Hz"
                + (totalSamples == Long.MAX_VALUE ? "" : " for " + totalSamples / rateHz + " s");
    }

    @Override
    public void close() {
        // nothing held
    }

    /**
     * Builds a {@link SyntheticSource}; every setting has a default: 1 device, prefix {@code synthetic-}, 50 Hz, start
     * the wall clock at build time.
     */
    public static final class Builder extends DevicePlaybackBuilder<Builder> {
        private double seconds = 60;
        private double phaseSeconds = 10;
        private long seed = 1;

        private Builder() {
            super(1, "synthetic-", 50);
        }






        /** Seconds of signal per device; 0 for endless; default 60. */
        public Builder optSeconds(double seconds) {
            this.seconds = seconds;
            return this;
        }

        /** Seconds between switches of still and walking; default 10. */
        public Builder optPhaseSeconds(double phaseSeconds) {
            this.phaseSeconds = phaseSeconds;
            return this;
        }


        /** Noise seed; default 1. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public SyntheticSource build() {
            checkDevices();
            checkRateAndFrame();
            if (seconds < 0) throw new IllegalArgumentException("optSeconds must be >= 0, got " + seconds);
            if (!(phaseSeconds > 0)) throw new IllegalArgumentException("optPhaseSeconds must be positive, got " + phaseSeconds);
            return new SyntheticSource(this);
        }
    }
}
