package io.tsfm.core.text;

import io.tsfm.core.annotation.PublicApi;
import java.util.List;
import java.util.Objects;

/**
 * A {@link TextEncoder} that serves texts from a {@link TextEmbeddingCache} and runs the wrapped encoder only
 * for texts not yet cached. Does not own the wrapped encoder (closing stays with the caller). Thread-safe if
 * the wrapped encoder is.
 */
@PublicApi
public final class CachedTextEncoder implements TextEncoder {
    private final TextEncoder delegate;
    private final TextEmbeddingCache cache;

    public CachedTextEncoder(TextEncoder delegate, TextEmbeddingCache cache) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }

    @Override
    public int hiddenSize() {
        return delegate.hiddenSize();
    }

    @Override
    public int maxTokens() {
        return delegate.maxTokens();
    }

    @Override
    public List<TokenEmbeddings> encode(List<String> texts) {
        return cache.getOrCompute(delegate, texts);
    }
}
