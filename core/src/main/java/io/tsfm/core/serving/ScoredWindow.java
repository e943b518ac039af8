package io.tsfm.core.serving;

import io.tsfm.core.annotation.PublicApi;
import io.tsfm.schemas.avro.Prediction;
import io.tsfm.schemas.avro.ScoredLabel;
import java.util.ArrayList;
import java.util.List;

/**
 * A classified window on its way to the predictions topic: what the {@link ServingLoop} made of it, before the
 * emit time is known.
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
 * @param newestSentMicros wall-clock time of the window's newest frame (its send time in the job, its arrival on the
 *                         edge client), µs; 0 when unknown
 */
@PublicApi
public record ScoredWindow(String deviceId, long startMicros, long endMicros, String[] labels, float[] scores,
                           String labelSetId, long labelSetVersion, String modelId, long processingMicros,
                           long newestSentMicros) {

    /**
     * The {@code Prediction} record, emitted at {@code nowMicros}: the end-to-end latency runs from the newest frame
     * to then (none when that frame's time is unknown).
     */
    public Prediction toPrediction(long nowMicros) {
        List<ScoredLabel> top = new ArrayList<>(labels.length);
        for (int i = 0; i < labels.length; i++) {
            top.add(new ScoredLabel(labels[i], scores[i]));
        }
        return Prediction.newBuilder()
                .setDeviceId(deviceId)
                .setWindowStartEpochMicros(startMicros)
                .setWindowEndEpochMicros(endMicros)
                .setTopK(top)
                .setLabelSetId(labelSetId)
                .setLabelSetVersion(labelSetVersion)
                .setModelBundleSha256(modelId)
                .setProcessingLatencyMicros(processingMicros)
                .setEndToEndLatencyMicros(newestSentMicros > 0 ? Math.max(0, nowMicros - newestSentMicros) : null)
                .setEmittedAtEpochMicros(nowMicros)
                .build();
    }
}
