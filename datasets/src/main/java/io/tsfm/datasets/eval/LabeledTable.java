package io.tsfm.datasets.eval;

import java.util.List;
import java.util.Objects;

/**
 * A continuous table of samples with one activity label per sample: a session or the concatenated
 * sessions of one subject, the input of {@link EvalWindows}.
 *
 * <p>Immutable by convention: callers must not write into the arrays.
 *
 * @param subject      subject id (empty if unknown)
 * @param rateHz       sampling rate shared by all channels
 * @param channelNames one name per channel row
 * @param samples      {@code [channel][t]}
 * @param labels       per sample, an index into the caller's label order (non-negative)
 * @param source       where the rows came from, for error messages
 */
public record LabeledTable(String subject, double rateHz, List<String> channelNames, float[][] samples,
                           int[] labels, String source) {
    public LabeledTable {
        subject = subject == null ? "" : subject;
        source = source == null ? "" : source;
        channelNames = List.copyOf(channelNames);
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(labels, "labels");
        if (!(rateHz > 0) || Double.isInfinite(rateHz)) {
            throw new IllegalArgumentException(source + ": sampling rate must be positive, got " + rateHz);
        }
        if (samples.length != channelNames.size()) {
            throw new IllegalArgumentException(source + ": " + channelNames.size() + " channel names but "
                    + samples.length + " sample rows");
        }
        for (int c = 0; c < samples.length; c++) {
            if (samples[c].length != labels.length) {
                throw new IllegalArgumentException(source + ": channel " + channelNames.get(c) + " has "
                        + samples[c].length + " samples but there are " + labels.length + " labels");
            }
        }
        for (int t = 0; t < labels.length; t++) {
            if (labels[t] < 0) {
                throw new IllegalArgumentException(source + ": negative label index " + labels[t] + " at sample " + t);
            }
        }
    }

    /** Number of samples (rows). */
    public int length() {
        return labels.length;
    }
}
