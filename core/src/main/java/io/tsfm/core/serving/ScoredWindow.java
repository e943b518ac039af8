package io.tsfm.core.serving;

/**
 * A classified window on its way to the predictions topic.
 *
 * @param deviceId         device
 * @param startMicros      window start, µs
 * @param endMicros        window end, µs
 * @param labels           labels, best first
 * @param scores           their cosine scores, same order
 * @param labelSetId       label set the labels came from
 * @param labelSetVersion  its version
 * @param modelId          model bundle id (SHA-256 of its manifest)
 * @param processingMicros wall-clock time from the window firing to its scores, µs
 * @param newestSentMicros send time of the window's newest frame, µs; 0 when unknown
 */
public record ScoredWindow(String deviceId, long startMicros, long endMicros, String[] labels, float[] scores,
                           String labelSetId, long labelSetVersion, String modelId, long processingMicros,
                           long newestSentMicros) {
}
