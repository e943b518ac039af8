package io.tsfm.core.data;

import io.tsfm.core.annotation.PublicApi;
import java.util.List;
import java.util.Objects;

/**
 * A continuous single-activity recording: channels sampled at one rate, with one activity label.
 *
 * <p>Samples are stored channel-major ({@code samples[channel][t]}) because every later step
 * (patching, interpolation, normalisation) works per channel. Values are in the canonical units of
 * each channel's {@link SensorKind}. Instances are immutable by convention: callers must not write
 * into the arrays returned by {@link #samples()}.
 */
@PublicApi
public final class Session {
    private final String id;
    private final String dataset;
    private final String subject;
    private final String label;
    private final double rateHz;
    private final List<Channel> channels;
    private final float[][] samples;
    private final String source;

    /**
     * @param id       unique within its dataset
     * @param dataset  dataset name
     * @param subject  subject (participant) id, used for subject-wise splits
     * @param label    raw activity label (a vocabulary label)
     * @param rateHz   sampling rate shared by all channels
     * @param channels channel layout
     * @param samples  {@code [channel][t]}, every row the same length
     * @param source   where it came from (file and, where relevant, line range), for error messages
     */
    public Session(String id, String dataset, String subject, String label, double rateHz,
                   List<Channel> channels, float[][] samples, String source) {
        this.id = Objects.requireNonNull(id, "id");
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.label = Objects.requireNonNull(label, "label");
        if (!(rateHz > 0) || Double.isInfinite(rateHz)) {
            throw new IllegalArgumentException("session " + id + ": sampling rate must be positive, got " + rateHz);
        }
        this.rateHz = rateHz;
        this.channels = List.copyOf(channels);
        if (samples.length != channels.size()) {
            throw new IllegalArgumentException("session " + id + ": " + channels.size() + " channels but "
                    + samples.length + " sample rows");
        }
        int n = samples.length == 0 ? 0 : samples[0].length;
        for (int c = 0; c < samples.length; c++) {
            if (samples[c].length != n) {
                throw new IllegalArgumentException("session " + id + ": channel " + channels.get(c).name()
                        + " has " + samples[c].length + " samples, expected " + n);
            }
        }
        this.samples = samples;
        this.source = source == null ? "" : source;
    }

    public String id() { return id; }
    public String dataset() { return dataset; }
    public String subject() { return subject; }
    public String label() { return label; }
    public double rateHz() { return rateHz; }
    public List<Channel> channels() { return channels; }
    /** {@code [channel][t]}; do not modify. */
    public float[][] samples() { return samples; }
    public String source() { return source; }

    public int numChannels() { return channels.size(); }

    public int length() { return samples.length == 0 ? 0 : samples[0].length; }

    public double durationSeconds() { return length() / rateHz; }

    @Override
    public String toString() {
        return "Session[" + dataset + "/" + id + ", subject " + subject + ", '" + label + "', "
                + numChannels() + " ch, " + length() + " samples @ " + rateHz + " Hz]";
    }
}
