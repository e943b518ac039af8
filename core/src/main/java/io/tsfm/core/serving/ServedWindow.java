package io.tsfm.core.serving;

import io.tsfm.core.annotation.PublicApi;

/**
 * What the serving loop reads of an assembled window, whichever windower cut it: the streaming job's and the edge
 * client's windows both implement it.
 */
@PublicApi
public interface ServedWindow {
    /** Device the window is from (picks its label set). */
    String deviceId();

    /** {@code deviceId@startMicros}: the window's id in classifier calls. */
    String windowId();

    /** Window start, µs (inclusive). */
    long startMicros();

    /** Window end, µs (exclusive). */
    long endMicros();

    /** Wall-clock time of the window's newest frame, µs, where end-to-end latency starts; 0 when unknown. */
    long newestFrameMicros();
}
