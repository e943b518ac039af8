package io.tsfm.core.window;

import java.util.Locale;

/**
 * Categories of rejected windows, one metric counter each. The reasons come as text from the shared
 * {@code WindowAssembler}; {@link #of} maps its wording, and a test pins every reason it can give to a category
 * other than {@link #OTHER}, so a rewording there shows up here.
 */
public enum WindowRejection {
    /** No frame overlapped the window. */
    NO_FRAMES,
    /** Too few slots held a real sample (e.g. the window starts before the device did). */
    COVERAGE,
    /** A run of missing samples longer than the interpolation limit. */
    GAP,
    /** The sampling rate changed inside the window. */
    RATE_CHANGED,
    /** The channel count changed inside the window. */
    CHANNELS_CHANGED,
    /** The device switched channel layouts inside the window. */
    LAYOUT_CHANGED,
    /** A reason this mapping does not know. */
    OTHER;

    /** The metric name: lower case. */
    public String metricName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The category of a {@code WindowAssembler} rejection reason. */
    public static WindowRejection of(String reason) {
        if (reason.startsWith("no frames")) {
            return NO_FRAMES;
        }
        if (reason.startsWith("only ") && reason.contains("coverage")) {
            return COVERAGE;
        }
        if (reason.startsWith("gap of")) {
            return GAP;
        }
        if (reason.startsWith("rate changed")) {
            return RATE_CHANGED;
        }
        if (reason.startsWith("channel count changed")) {
            return CHANNELS_CHANGED;
        }
        if (reason.startsWith("layout changed")) {
            return LAYOUT_CHANGED;
        }
        return OTHER;
    }
}
