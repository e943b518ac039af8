package io.tsfm.core.text;

import io.tsfm.core.annotation.PublicApi;
import java.util.List;

/**
 * A frozen sentence encoder giving token-level states and the pooled sentence embedding (spec §3.8).
 * Implementations state their own thread-safety.
 */
@PublicApi
public interface TextEncoder {
    /**
     * Identifies everything that determines the output (model weights, tokenizer, truncation length) as a
     * lower-case hex SHA-256; cached embeddings are only valid for the same id.
     */
    String modelId();

    /** Width of every token state and of the pooled embedding (384 for MiniLM). */
    int hiddenSize();

    /** Longest token sequence produced, special tokens included; longer texts are truncated. */
    int maxTokens();

    /** Encodes texts; the result has one entry per text, in order. */
    List<TokenEmbeddings> encode(List<String> texts);

    /** Encodes one text. */
    default TokenEmbeddings encode(String text) {
        return encode(List.of(text)).get(0);
    }

    /** The pooled, L2-normalised sentence embeddings, one row per text. */
    default float[][] embed(List<String> texts) {
        List<TokenEmbeddings> e = encode(texts);
        float[][] out = new float[e.size()][];
        for (int i = 0; i < out.length; i++) out[i] = e.get(i).pooled().clone();
        return out;
    }

    /** The pooled, L2-normalised sentence embedding of one text. */
    default float[] embed(String text) {
        return encode(text).pooled().clone();
    }
}
