package io.tsfm.core.runtime;

import io.tsfm.core.annotation.PublicApi;
import java.util.List;

/**
 * The outcome for one window: its top-k labels with cosine scores (best first), or why it could not be
 * classified. A bad window never fails the batch it came in.
 *
 * @param windowId the window's id
 * @param topK     best labels first; empty when {@code error} is set
 * @param error    null on success, else what was wrong with the window
 */
@PublicApi
public record Classification(String windowId, List<ScoredLabel> topK, String error) {
    /** A label with its score. */
    public record ScoredLabel(String label, float score) {}

    public boolean ok() {
        return error == null;
    }

    /** The best label (throws if the window failed). */
    public String best() {
        if (error != null) throw new IllegalStateException("window " + windowId + " failed: " + error);
        return topK.get(0).label();
    }
}
