package io.tsfm.core.runtime;

import io.tsfm.core.annotation.PublicApi;
import java.util.List;

/**
 * Open-set outcome for one window (spec §6.3): scored against every label of the bundle's vocabulary and reported
 * per synonym group, so "jogging" and "running" are one answer. The top-k groups come best first, each with its
 * best-scoring member label.
 *
 * @param windowId the window's id
 * @param topK     best groups first; empty when {@code error} is set
 * @param error    null on success, else what was wrong with the window
 */
@PublicApi
public record OpenSetClassification(String windowId, List<ScoredGroup> topK, String error) {

    /**
     * A synonym group with its score and best member label.
     *
     * @param group the group name
     * @param label the member label that scored best (the prediction before group mapping)
     * @param score the group's score: its best member's cosine, or the members' summed vote share
     */
    public record ScoredGroup(String group, String label, float score) {}

    /** Whether the window was classified. */
    public boolean ok() {
        return error == null;
    }

    /** The best group (throws if the window failed). */
    public String bestGroup() {
        if (error != null) throw new IllegalStateException("window " + windowId + " failed: " + error);
        return topK.get(0).group();
    }
}
