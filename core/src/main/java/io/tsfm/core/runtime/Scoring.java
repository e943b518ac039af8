package io.tsfm.core.runtime;

import io.tsfm.core.annotation.PublicApi;

/** How a window's label scores are formed from the model output (spec §3.11 post-processing). */
@PublicApi
public enum Scoring {
    /**
     * Cosine of the session embedding with each label: the L2-normalised mean of the unit patch embeddings over the
     * window's patches (per-patch tiers), or the pooled output (pooled tiers). The reference's headline variant.
     */
    MEAN_EMBEDDING,
    /**
     * Per-patch majority vote (per-patch tiers only): every patch votes for its best label, a label's score is its
     * share of the votes, ties go to the label listed first.
     */
    PATCH_VOTE
}
