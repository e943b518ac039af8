package io.tsfm.core.runtime;

import io.tsfm.core.annotation.PublicApi;
import java.util.List;
import java.util.Objects;

/**
 * One window of raw samples to classify: what the streaming job, the edge client and the benchmark hand
 * to a {@link WindowClassifier}. Preprocessing (patching, interpolation, normalisation) happens inside
 * the classifier, with the bundle's parameters, so every caller gets identical treatment.
 *
 * @param id                   caller's identifier, echoed in the result
 * @param samples              {@code [channel][t]} in canonical units
 * @param rateHz               sampling rate
 * @param channelDescriptions  one model-input description per channel (dataset/device description +
 *                             channel description, see {@code ChannelDescriptions})
 */
@PublicApi
public record SensorWindow(String id, float[][] samples, double rateHz, List<String> channelDescriptions) {
    public SensorWindow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(samples, "samples");
        channelDescriptions = List.copyOf(channelDescriptions);
    }
}
