package io.tsfm.benchmark.baseline.lanhar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.tsfm.core.text.TextEncoder;
import io.tsfm.core.text.TokenEmbeddings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The frozen MiniLM token states of the texts LanHAR reads, computed once per text (MiniLM never trains here) and
 * handed to the {@link TextAdapter} as padded batches. Not thread-safe.
 */
public final class TextTokens {
    private final TextEncoder encoder;
    private final Map<String, TokenEmbeddings> cache = new HashMap<>();

    public TextTokens(TextEncoder encoder) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        if (encoder.hiddenSize() != LanHarNet.TOKEN_DIM) {
            throw new IllegalArgumentException("text encoder " + encoder.modelId() + " gives " + encoder.hiddenSize()
                    + "-wide tokens; the LanHAR text adapter reads " + LanHarNet.TOKEN_DIM);
        }
    }

    /** The text encoder's id (recorded in checkpoints). */
    public String encoderId() {
        return encoder.modelId();
    }

    /** Encodes every text not seen yet, in one call. */
    public void prepare(List<String> texts) {
        List<String> missing = new ArrayList<>();
        for (String t : texts) if (!cache.containsKey(t) && !missing.contains(t)) missing.add(t);
        if (missing.isEmpty()) return;
        List<TokenEmbeddings> enc = encoder.encode(missing);
        for (int i = 0; i < missing.size(); i++) cache.put(missing.get(i), enc.get(i));
    }

    /** {@code (N, L, 384)} token states and the {@code (N, L)} boolean mask of {@code texts}, padded to the longest. */
    public NDList batch(NDManager manager, List<String> texts) {
        prepare(texts);
        int len = 0;
        for (String t : texts) len = Math.max(len, cache.get(t).numTokens());
        int h = LanHarNet.TOKEN_DIM;
        float[] states = new float[texts.size() * len * h];
        boolean[] mask = new boolean[texts.size() * len];
        for (int i = 0; i < texts.size(); i++) {
            TokenEmbeddings e = cache.get(texts.get(i));
            System.arraycopy(e.states(), 0, states, i * len * h, e.numTokens() * h);
            for (int k = 0; k < e.numTokens(); k++) mask[i * len + k] = e.mask()[k];
        }
        NDArray s = manager.create(states, new Shape(texts.size(), len, h));
        NDArray m = manager.create(mask, new Shape(texts.size(), len));
        return new NDList(s, m);
    }
}
