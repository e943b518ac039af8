package io.tsfm.benchmark.run;

import io.tsfm.benchmark.protocol.WindowKey;
import java.util.Objects;

/**
 * What an inference path answered for one window: its best label, or why it could not classify it.
 *
 * @param key   the window the prediction is for
 * @param label the best label; null when {@code error} is set
 * @param error null on success
 */
public record WindowPrediction(WindowKey key, String label, String error) {
    public WindowPrediction {
        Objects.requireNonNull(key, "key");
        if ((label == null) == (error == null)) {
            throw new IllegalArgumentException(key + ": a prediction has exactly one of label and error");
        }
    }

    /** A successful prediction. */
    public static WindowPrediction of(WindowKey key, String label) {
        return new WindowPrediction(key, label, null);
    }

    /** A window the model could not classify. */
    public static WindowPrediction failed(WindowKey key, String error) {
        return new WindowPrediction(key, null, error);
    }

    public boolean ok() {
        return error == null;
    }
}
