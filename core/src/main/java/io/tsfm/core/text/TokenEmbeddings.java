package io.tsfm.core.text;

import io.tsfm.core.annotation.PublicApi;
import io.tsfm.core.math.EmbeddingMath;
import java.util.Objects;

/**
 * The encoder output for one text: its K token ids, the last hidden state {@code (K, H)} flat row-major,
 * the attention mask (one entry per token, {@code true} = real), and the pooled sentence embedding (mean of
 * the states of the real tokens, L2-normalised — the frozen label embedding of spec §3.8).
 *
 * <p>K is the text's own token count (not padded to a batch), so every mask entry is {@code true}; use
 * {@link TokenBatch} to pad several texts to one K. Immutable by convention: callers must not write into
 * the arrays ({@code equals} compares them by identity, as for any record holding arrays).
 *
 * @param text       the encoded text
 * @param tokenIds   K vocabulary ids, special tokens included
 * @param mask       K attention-mask entries
 * @param states     {@code K·H} last-hidden-state values
 * @param hiddenSize H
 * @param pooled     H values, unit L2 norm
 */
@PublicApi
public record TokenEmbeddings(String text, long[] tokenIds, boolean[] mask, float[] states, int hiddenSize,
                              float[] pooled) {
    public TokenEmbeddings {
        Objects.requireNonNull(text, "text");
        int k = tokenIds.length;
        if (k < 1 || hiddenSize < 1) {
            throw new IllegalArgumentException("need at least one token and a positive hidden size, got "
                    + k + " tokens × " + hiddenSize);
        }
        if (mask.length != k || (long) states.length != (long) k * hiddenSize || pooled.length != hiddenSize) {
            throw new IllegalArgumentException("inconsistent token embeddings: " + k + " ids, " + mask.length
                    + " mask entries, " + states.length + " state values, " + pooled.length
                    + " pooled values, hidden size " + hiddenSize);
        }
    }

    /** K. */
    public int numTokens() {
        return tokenIds.length;
    }

    /** State of token {@code k}, feature {@code h}. */
    public float state(int k, int h) {
        return states[k * hiddenSize + h];
    }

    /** The mean of the states of masked-in tokens, L2-normalised (computed in double). */
    public static float[] meanPool(float[] states, boolean[] mask, int hiddenSize) {
        // the same epsilon as torch.nn.functional.normalize, which sentence-transformers uses
        return EmbeddingMath.normalizedMean(states, mask, hiddenSize);
    }

    /** Cosine similarity of two pooled embeddings (dot product, both are unit length). */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("length " + a.length + " vs " + b.length);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
