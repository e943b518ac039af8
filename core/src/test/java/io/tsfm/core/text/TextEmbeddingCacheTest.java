package io.tsfm.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextEmbeddingCacheTest {
    static MiniLmTextEncoder encoder;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        encoder = MiniLmTextEncoder.builder().optIntraOpThreads(2).build();
    }

    @AfterAll
    static void close() {
        if (encoder != null) encoder.close();
    }

    private static void assertSame(TokenEmbeddings a, TokenEmbeddings b) {
        assertThat(a.text()).isEqualTo(b.text());
        assertThat(a.tokenIds()).containsExactly(b.tokenIds());
        assertThat(a.mask()).containsExactly(b.mask());
        assertThat(Arrays.equals(a.states(), b.states())).isTrue();
        assertThat(a.pooled()).containsExactly(b.pooled());
        assertThat(a.hiddenSize()).isEqualTo(b.hiddenSize());
    }

    @Test
    void missThenHitReturnsIdenticalArrays() {
        TextEmbeddingCache cache = TextEmbeddingCache.open(dir);
        List<String> texts = List.of("walking", "[PAD]", "walking", "climbing stairs");
        List<TokenEmbeddings> first = cache.getOrCompute(encoder, texts);
        assertThat(cache.stats()).isEqualTo(new TextEmbeddingCache.Stats(0, 3, 0));
        assertThat(Files.isRegularFile(cache.fileFor(encoder.modelId(), "climbing stairs"))).isTrue();

        TextEmbeddingCache reopened = TextEmbeddingCache.open(dir);
        List<TokenEmbeddings> second = reopened.getOrCompute(encoder, texts);
        assertThat(reopened.stats()).isEqualTo(new TextEmbeddingCache.Stats(4, 0, 0));
        for (int i = 0; i < texts.size(); i++) {
            assertSame(second.get(i), first.get(i));
            assertSame(second.get(i), encoder.encode(texts.get(i)));
        }
    }

    @Test
    void corruptEntryIsDetectedAndRecomputed() throws Exception {
        TextEmbeddingCache cache = TextEmbeddingCache.open(dir);
        TokenEmbeddings fresh = cache.getOrCompute(encoder, List.of("ironing")).get(0);
        Path f = cache.fileFor(encoder.modelId(), "ironing");
        byte[] bytes = Files.readAllBytes(f);
        bytes[bytes.length / 2] ^= 0x10; // one flipped bit in the token states
        Files.write(f, bytes);

        assertThat(cache.get(encoder.modelId(), "ironing")).isEmpty();
        assertThat(cache.stats().rejected()).isEqualTo(1);
        assertThat(Files.exists(f)).isFalse();

        TokenEmbeddings again = cache.getOrCompute(encoder, List.of("ironing")).get(0);
        assertSame(again, fresh);
        Optional<TokenEmbeddings> reread = cache.get(encoder.modelId(), "ironing");
        assertThat(reread).isPresent();
        assertSame(reread.get(), fresh);
    }

    @Test
    void truncatedOrForeignEntriesAreNotTrusted() throws Exception {
        TextEmbeddingCache cache = TextEmbeddingCache.open(dir);
        cache.getOrCompute(encoder, List.of("sitting"));
        Path f = cache.fileFor(encoder.modelId(), "sitting");
        byte[] whole = Files.readAllBytes(f);

        Files.write(f, Arrays.copyOf(whole, whole.length - 100));
        assertThat(cache.get(encoder.modelId(), "sitting")).isEmpty();

        Files.write(f, new byte[0]);
        assertThat(cache.get(encoder.modelId(), "sitting")).isEmpty();

        // a valid entry for another text placed under this key (e.g. a hash collision or a copied file)
        Path g = cache.fileFor(encoder.modelId(), "standing");
        Files.createDirectories(g.getParent());
        Files.write(g, whole);
        assertThat(cache.get(encoder.modelId(), "standing")).isEmpty();
        // and an entry is keyed by the model: another model id never sees it
        cache.getOrCompute(encoder, List.of("sitting"));
        assertThat(cache.get("0".repeat(64), "sitting")).isEmpty();
        assertThat(cache.stats().rejected()).isEqualTo(3);
    }

    @Test
    void cachedEncoderServesFromDisk() {
        TextEmbeddingCache cache = TextEmbeddingCache.open(dir);
        CachedTextEncoder cached = new CachedTextEncoder(encoder, cache);
        assertThat(cached.modelId()).isEqualTo(encoder.modelId());
        float[] a = cached.embed("cycling");
        float[] b = cached.embed("cycling");
        assertThat(b).containsExactly(a);
        assertThat(cache.stats().hits()).isEqualTo(1);
        assertThat(cache.stats().misses()).isEqualTo(1);
    }

    @Test
    void defaultDirectoryFollowsTheSystemProperty() {
        String old = System.getProperty(TextEmbeddingCache.PROPERTY);
        try {
            System.setProperty(TextEmbeddingCache.PROPERTY, dir.resolve("x").toString());
            assertThat(TextEmbeddingCache.defaultDirectory()).isEqualTo(dir.resolve("x"));
            System.clearProperty(TextEmbeddingCache.PROPERTY);
            if (System.getenv(TextEmbeddingCache.ENV) == null) {
                assertThat(TextEmbeddingCache.defaultDirectory())
                        .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "tsfm", "text"));
            }
        } finally {
            if (old == null) System.clearProperty(TextEmbeddingCache.PROPERTY);
            else System.setProperty(TextEmbeddingCache.PROPERTY, old);
        }
    }
}
