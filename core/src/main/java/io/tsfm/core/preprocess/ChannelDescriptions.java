package io.tsfm.core.preprocess;

import io.tsfm.core.annotation.PublicApi;
import io.tsfm.core.data.Channel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The channel description strings the model reads (spec §1.4 step 8):
 * {@code "<dataset description> <channel description> (sampled at <rate>Hz, <patch>s window)"}.
 *
 * <p>Numbers are formatted as Python's {@code :.0f} / {@code :.1f} do: the exact binary value of the
 * double rounded half-even, so 1.25 → "1.2", 0.75 → "0.8", 2.5 → "2", and 0.15 (really 0.1499…) → "0.1".
 * Java's {@code %.1f} rounds half-up and would give "1.3". Stateless and thread-safe.
 */
@PublicApi
public final class ChannelDescriptions {
    /** The description of a padded channel; the text encoder reads it as the special token. */
    public static final String PAD = "[PAD]";

    private ChannelDescriptions() {}

    /** Formats {@code value} with {@code decimals} decimals exactly as Python's {@code format(value, ".Nf")}. */
    public static String formatFixed(double value, int decimals) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("cannot format non-finite value " + value);
        }
        if (decimals < 0) {
            throw new IllegalArgumentException("decimals must be non-negative, got " + decimals);
        }
        // new BigDecimal(double) is the exact binary value, which is what Python rounds (not the shortest repr)
        String s = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        if (value < 0 || (value == 0 && 1 / value < 0)) {
            // Python keeps the sign of a negative value that rounds to zero ("-0.0")
            if (!s.startsWith("-")) s = "-" + s;
        }
        return s;
    }

    /** The suffix {@code "(sampled at 50Hz, 1.2s window)"}. */
    public static String suffix(double rateHz, double patchSeconds) {
        return "(sampled at " + formatFixed(rateHz, 0) + "Hz, " + formatFixed(patchSeconds, 1) + "s window)";
    }

    /** The full description with the rate/patch suffix (text augmentation enabled, the reference default). */
    public static String describe(String datasetDescription, String channelDescription,
                                  double rateHz, double patchSeconds) {
        return describe(datasetDescription, channelDescription) + " " + suffix(rateHz, patchSeconds);
    }

    /** The description without suffix, as the reference builds it with text augmentation disabled. */
    public static String describe(String datasetDescription, String channelDescription) {
        return datasetDescription + " " + channelDescription;
    }

    /**
     * A streamed channel's description as the model reads it: {@code "<device description> <channel description>"},
     * or the channel description alone when the device description is null or blank (the job's and the edge
     * client's {@code --device-description}, trimmed).
     */
    public static String onDevice(String deviceDescription, String channelDescription) {
        if (deviceDescription == null || deviceDescription.isBlank()) return channelDescription;
        return describe(deviceDescription.trim(), channelDescription);
    }

    /**
     * One full description per channel, in channel order. A null dataset description gives each channel's own
     * description with the suffix ({@link #onDevice}'s rule: what a device that sends no description of itself is
     * served with, and what training's description dropout feeds).
     */
    public static List<String> describeAll(String datasetDescription, List<Channel> channels,
                                           double rateHz, double patchSeconds) {
        List<String> out = new ArrayList<>(channels.size());
        for (Channel ch : channels) {
            out.add(datasetDescription == null
                    ? onDevice(null, ch.description()) + " " + suffix(rateHz, patchSeconds)
                    : describe(datasetDescription, ch.description(), rateHz, patchSeconds));
        }
        return Collections.unmodifiableList(out);
    }

    /** {@code descriptions} followed by {@link #PAD} up to {@code size} entries. */
    public static List<String> padTo(List<String> descriptions, int size) {
        if (descriptions.size() > size) {
            throw new IllegalArgumentException(descriptions.size() + " descriptions do not fit in " + size);
        }
        List<String> out = new ArrayList<>(size);
        out.addAll(descriptions);
        while (out.size() < size) out.add(PAD);
        return Collections.unmodifiableList(out);
    }
}
