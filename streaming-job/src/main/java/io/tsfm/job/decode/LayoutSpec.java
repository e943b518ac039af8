package io.tsfm.job.decode;

import io.tsfm.core.annotation.Internal;
import java.util.Arrays;

/**
 * A device's channel layout as the job keeps it: per channel the model-input description and the factor that
 * converts the device's unit to the canonical unit of the channel's sensor kind (what a {@code SensorWindow} must
 * carry).
 *
 * @param layoutId     the id later frames reference it by
 * @param names        channel names, in column order
 * @param descriptions free-text channel descriptions, in column order
 * @param toCanonical  per channel, value in the device's unit times this = value in the canonical unit
 */
@Internal
public record LayoutSpec(String layoutId, String[] names, String[] descriptions, float[] toCanonical) {

    /** Number of channels. */
    public int channelCount() {
        return names.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayoutSpec l && layoutId.equals(l.layoutId) && Arrays.equals(names, l.names)
                && Arrays.equals(descriptions, l.descriptions) && Arrays.equals(toCanonical, l.toCanonical);
    }

    @Override
    public int hashCode() {
        return layoutId.hashCode() * 31 + Arrays.hashCode(names);
    }

    @Override
    public String toString() {
        return "LayoutSpec[" + layoutId + " " + Arrays.toString(names) + "]";
    }
}
