package io.tsfm.edge;

import io.tsfm.core.annotation.PublicApi;
import io.tsfm.edge.frame.DeviceFrame;
import io.tsfm.edge.window.EdgeWindow;
import io.tsfm.schemas.avro.Prediction;

/**
 * Callbacks of an {@link EdgeClient} run, on its thread, in order: for printing local predictions, for a UI, for
 * tests. Every method has a no-op default. An exception thrown here ends the run.
 */
@PublicApi
public interface EdgeListener {

    /** A frame as it goes out, with its final sequence number (after it was handed to the publisher, if any). */
    default void onFrame(DeviceFrame frame) {
    }

    /** A local prediction (after it was handed to the publisher, if any). */
    default void onPrediction(Prediction prediction) {
    }

    /** A window that produced no prediction: not assembled (gaps, coverage) or not classified. */
    default void onWindowFailed(EdgeWindow window, String reason) {
    }
}
