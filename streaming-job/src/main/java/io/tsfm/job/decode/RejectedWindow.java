package io.tsfm.job.decode;

import io.tsfm.core.annotation.Internal;
import io.tsfm.core.window.WindowRejection;

/**
 * A window of one device that produced no prediction, and why.
 *
 * @param deviceId    device
 * @param startMicros window start, µs (inclusive)
 * @param endMicros   window end, µs (exclusive)
 * @param category    {@link WindowRejection} name, the metric it is counted under
 * @param reason      the windowing rule's own words
 */
@Internal
public record RejectedWindow(String deviceId, long startMicros, long endMicros, String category, String reason) {
}
