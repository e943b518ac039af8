package io.tsfm.core.runtime;

import io.tsfm.core.annotation.PublicApi;

/**
 * The model's embedding of one window, or why the window could not be embedded.
 *
 * @param windowId        the window's id
 * @param embedding       the unit session embedding (E), null on error
 * @param patchEmbeddings unit embeddings per patch {@code [P][E]} for per-patch tiers; null for pooled tiers or on
 *                        error
 * @param error           null on success, else what was wrong with the window
 */
@PublicApi
public record WindowEmbedding(String windowId, float[] embedding, float[][] patchEmbeddings, String error) {

    /** Whether the window was embedded. */
    public boolean ok() {
        return error == null;
    }
}
