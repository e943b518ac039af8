package io.tsfm.core.window;

import io.tsfm.core.annotation.PublicApi;
import java.util.Locale;

/**
 * Why a window was not assembled, carried with the rejection ({@link WindowAssembler.Result#rejectionKind()}) next to
 * its wording, so callers count and route rejections by kind without reading the text. The streaming job counts
 * each kind under its own metric.
 */
@PublicApi
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
    /** The device switched channel layouts inside the window ({@link WindowAssembler#layoutChange}). */
    LAYOUT_CHANGED;

    /** The metric name: lower case. */
    public String metricName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
