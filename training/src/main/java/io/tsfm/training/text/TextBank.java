package io.tsfm.training.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.tsfm.core.text.TextEncoder;
import io.tsfm.core.text.TokenBatch;
import io.tsfm.core.text.TokenEmbeddings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Frozen text-encoder outputs for every string training uses, computed once (spec §8-2: all training
 * strings are finite) and kept in memory; a string not seen before is encoded on first use. Turns a
 * batch's unique strings into the token-state arrays the model takes. Thread-safe.
 */
public final class TextBank {
    private final TextEncoder encoder;
    private final Map<String, TokenEmbeddings> byText = new ConcurrentHashMap<>();

    public TextBank(TextEncoder encoder) {
        this.encoder = encoder;
    }

    public TextEncoder encoder() {
        return encoder;
    }

    /** Encodes every string not yet known, in batches. */
    public void precompute(Collection<String> texts) {
        List<String> missing = new ArrayList<>();
        for (String t : texts) if (!byText.containsKey(t)) missing.add(t);
        if (missing.isEmpty()) return;
        List<TokenEmbeddings> enc = encoder.encode(missing);
        for (TokenEmbeddings e : enc) byText.put(e.text(), e);
    }

    public int size() {
        return byText.size();
    }

    /** Token embeddings of each string (encoding unknown ones). */
    public List<TokenEmbeddings> get(List<String> texts) {
        precompute(texts);
        List<TokenEmbeddings> out = new ArrayList<>(texts.size());
        for (String t : texts) out.add(byText.get(t));
        return out;
    }

    /** {@code (U,K,H)} token states and {@code (U,K)} mask of the strings, padded to the longest. */
    public NDList tokens(NDManager manager, List<String> texts) {
        TokenBatch b = TokenBatch.of(get(texts));
        NDArray states = manager.create(b.states(), new Shape(b.shape()));
        NDArray mask = manager.create(b.mask(), new Shape(b.size(), b.maxTokens()));
        return new NDList(states, mask);
    }

    /** {@code (U,H)} frozen mean-pooled, L2-normalised sentence embeddings of the strings. */
    public NDArray pooled(NDManager manager, List<String> texts) {
        List<TokenEmbeddings> e = get(texts);
        int h = encoder.hiddenSize();
        float[] flat = new float[e.size() * h];
        for (int i = 0; i < e.size(); i++) System.arraycopy(e.get(i).pooled(), 0, flat, i * h, h);
        return manager.create(flat, new Shape(e.size(), h));
    }
}
