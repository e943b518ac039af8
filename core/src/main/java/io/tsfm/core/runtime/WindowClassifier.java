package io.tsfm.core.runtime;

import io.tsfm.core.annotation.PublicApi;
import java.util.List;

/**
 * Zero-shot classification of sensor windows against label texts: the one interface the streaming job,
 * the edge client and the benchmark call. Implementations state their thread-safety; results come back in
 * the order of the windows, one per window, bad windows as error results.
 */
@PublicApi
public interface WindowClassifier extends AutoCloseable {

    /** Identifier of the model (the bundle's SHA-256) recorded with every prediction. */
    String modelId();

    /** Classifies a batch; {@code k} best labels per window. */
    List<Classification> classify(List<SensorWindow> windows, LabelSet labels, int k);

    @Override
    void close();
}
