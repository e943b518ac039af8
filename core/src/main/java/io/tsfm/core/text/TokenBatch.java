package io.tsfm.core.text;

import io.tsfm.core.annotation.PublicApi;
import java.util.List;

/**
 * Token states of several texts padded to the longest: {@code states (N, K, H)} flat row-major with zeros in
 * padded positions, and {@code mask (N, K)} flat row-major, {@code true} = real token — the key-padding
 * input of the label-attention pooling and of the channel-text fusion. Immutable by convention.
 *
 * @param size       N
 * @param maxTokens  K, the longest token count
 * @param hiddenSize H
 * @param states     {@code N·K·H} values
 * @param mask       {@code N·K} entries
 */
@PublicApi
public record TokenBatch(int size, int maxTokens, int hiddenSize, float[] states, boolean[] mask) {
    /** Pads {@code items} (at least one, all the same hidden size) to their longest token count. */
    public static TokenBatch of(List<TokenEmbeddings> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("cannot batch zero texts");
        }
        int h = items.get(0).hiddenSize();
        int k = 0;
        for (TokenEmbeddings e : items) {
            if (e.hiddenSize() != h) {
                throw new IllegalArgumentException("hidden size " + e.hiddenSize() + " of '" + e.text()
                        + "' differs from " + h);
            }
            k = Math.max(k, e.numTokens());
        }
        int n = items.size();
        float[] states = new float[n * k * h];
        boolean[] mask = new boolean[n * k];
        for (int i = 0; i < n; i++) {
            TokenEmbeddings e = items.get(i);
            System.arraycopy(e.states(), 0, states, i * k * h, e.states().length);
            System.arraycopy(e.mask(), 0, mask, i * k, e.numTokens());
        }
        return new TokenBatch(n, k, h, states, mask);
    }

    /** {@code {N, K, H}}. */
    public long[] shape() {
        return new long[] {size, maxTokens, hiddenSize};
    }
}
