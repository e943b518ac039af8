package io.tsfm.edge;

import io.tsfm.core.annotation.PublicApi;
import io.tsfm.edge.kafka.PublisherStats;

/**
 * What one {@link EdgeClient} run did.
 *
 * @param frames                frames read from the source
 * @param framesPublished       frames handed to the publisher
 * @param windows               windows completed
 * @param windowsRejected       windows the shared windowing rule could not assemble (gaps, coverage, layout change)
 * @param predictions           local predictions made
 * @param classificationFailures assembled windows the classifier returned no result for
 * @param lateFrames            frames that arrived after a window they overlap was completed
 * @param publisher             the publisher's counters at the end of the run; null without a publisher
 */
@PublicApi
public record EdgeStats(long frames, long framesPublished, long windows, long windowsRejected, long predictions,
                        long classificationFailures, long lateFrames, PublisherStats publisher) {
}
