package io.tsfm.lab.replay;

import io.tsfm.edge.source.Pacer;
import java.util.Objects;

/**
 * The settings every stand-in for a set of devices takes (how many devices, their id prefix, the sampling rate, the
 * frame length, the event time of the first sample and the pace) so that the dataset replay, the synthetic source and
 * the fleet simulator take and check them in one way. Defaults that differ (devices, prefix, rate) are each
 * subclass's; the frame length defaults to 0.2 s, the pace to real time, the start to the subclass's choice.
 *
 * @param <B> the concrete builder, returned by every setter so calls chain
 */
public abstract class DevicePlaybackBuilder<B extends DevicePlaybackBuilder<B>> {
    private int devices;
    private String devicePrefix;
    private double rateHz;
    private double frameSeconds = 0.2;
    private long startMicros = Long.MIN_VALUE;
    private Pacer pacer = Pacer.realTime();

    /** A builder with these defaults for {@link #optDevices}, {@link #optDevicePrefix} and {@link #optRateHz}. */
    protected DevicePlaybackBuilder(int devices, String devicePrefix, double rateHz) {
        this.devices = devices;
        this.devicePrefix = devicePrefix;
        this.rateHz = rateHz;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Number of devices. */
    public B optDevices(int devices) {
        this.devices = devices;
        return self();
    }

    /** Device ids are this prefix and the device index. */
    public B optDevicePrefix(String prefix) {
        this.devicePrefix = Objects.requireNonNull(prefix, "prefix");
        return self();
    }

    /** Sampling rate, Hz. */
    public B optRateHz(double rateHz) {
        this.rateHz = rateHz;
        return self();
    }

    /** Frame length in seconds; default 0.2. */
    public B optFrameSeconds(double frameSeconds) {
        this.frameSeconds = frameSeconds;
        return self();
    }

    /** Event time of the first sample, µs since the epoch. */
    public B optStartMicros(long startMicros) {
        this.startMicros = startMicros;
        return self();
    }

    /** Pace; default real time. */
    public B optPacer(Pacer pacer) {
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        return self();
    }

    public int devices() {
        return devices;
    }

    public String devicePrefix() {
        return devicePrefix;
    }

    public double rateHz() {
        return rateHz;
    }

    public double frameSeconds() {
        return frameSeconds;
    }

    /** The start set with {@link #optStartMicros}, or {@code Long.MIN_VALUE} when none was. */
    public long startMicros() {
        return startMicros;
    }

    public Pacer pacer() {
        return pacer;
    }

    /** Fails unless there is at least one device. */
    protected void checkDevices() {
        if (devices < 1) throw new IllegalArgumentException("optDevices must be >= 1, got " + devices);
    }

    /** Fails unless the rate is positive and finite and the frame length positive. */
    protected void checkRateAndFrame() {
        if (!(rateHz > 0) || Double.isInfinite(rateHz)) {
            throw new IllegalArgumentException("optRateHz must be positive, got " + rateHz);
        }
        if (!(frameSeconds > 0)) throw new IllegalArgumentException("optFrameSeconds must be positive, got " + frameSeconds);
    }
}
