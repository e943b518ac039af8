package io.tsfm.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.tsfm.core.preprocess.ChannelDescriptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MiniLmTextEncoderTest {
    /** The HAPT manifest description (spec datasets.json), whose length makes the 64-token cut bite. */
    static final String HAPT = "Human Activities and Postural Transitions dataset from UCI. 30 subjects performing "
            + "6 basic activities (walking, stairs, sitting, standing, lying) and 6 postural transitions "
            + "(stand_to_sit, sit_to_stand, etc.) with waist-mounted smartphone (Samsung Galaxy S II). "
            + "Triaxial accelerometer and gyroscope at 50Hz.";

    static MiniLmTextEncoder encoder;

    @BeforeAll
    static void load() throws Exception {
        encoder = MiniLmTextEncoder.builder().optIntraOpThreads(2).build();
    }

    @AfterAll
    static void close() {
        if (encoder != null) encoder.close();
    }

    @Test
    void describesItself() {
        assertThat(encoder.hiddenSize()).isEqualTo(384);
        assertThat(encoder.maxTokens()).isEqualTo(64);
        assertThat(encoder.modelId()).matches("[0-9a-f]{64}");
    }

    @Test
    void pooledEmbeddingEqualsLangchain4jsSentenceEmbedding() {
        List<String> texts = List.of("walking", "walking_upstairs", "a person is riding a bicycle",
                "Accelerometer X-axis (waist)", "sit_to_stand");
        AllMiniLmL6V2EmbeddingModel reference = new AllMiniLmL6V2EmbeddingModel();
        float[][] ours = encoder.embed(texts);
        for (int i = 0; i < texts.size(); i++) {
            float[] theirs = reference.embed(texts.get(i)).content().vector();
            assertThat(theirs).hasSize(384);
            assertThat(TokenEmbeddings.cosine(ours[i], theirs)).as(texts.get(i)).isGreaterThan(0.9999);
            for (int h = 0; h < 384; h++) assertThat(ours[i][h]).isCloseTo(theirs[h], within(1e-4f));
        }
    }

    @Test
    void tokenStatesAndPooledAreConsistent() {
        TokenEmbeddings e = encoder.encode("walking downstairs slowly");
        assertThat(e.tokenIds()[0]).isEqualTo(101);                          // [CLS]
        assertThat(e.tokenIds()[e.numTokens() - 1]).isEqualTo(102);          // [SEP]
        assertThat(e.states()).hasSize(e.numTokens() * 384);
        assertThat(e.mask()).containsOnly(true);
        float[] pooled = TokenEmbeddings.meanPool(e.states(), e.mask(), 384);
        assertThat(e.pooled()).containsExactly(pooled);
        double norm = 0;
        for (float v : e.pooled()) norm += v * v;
        assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void padIsTheSpecialToken() {
        TokenEmbeddings pad = encoder.encode(ChannelDescriptions.PAD);
        assertThat(pad.tokenIds()).containsExactly(101, 0, 102);
        assertThat(pad.mask()).containsExactly(true, true, true);
        // and not the word-pieces of "[", "pad", "]"
        assertThat(encoder.tokenize("[ PAD ]")).hasSizeGreaterThan(3);
    }

    @Test
    void longTextsAreTruncatedToSixtyFourTokensWithSep() {
        String longText = String.join(" ", java.util.Collections.nCopies(100, "accelerometer reading"));
        TokenEmbeddings e = encoder.encode(longText);
        assertThat(e.numTokens()).isEqualTo(64);
        assertThat(e.tokenIds()[0]).isEqualTo(101);
        assertThat(e.tokenIds()[63]).isEqualTo(102);
        assertThat(e.states()).hasSize(64 * 384);
    }

    @Test
    void truncationMakesAllHaptChannelStringsIdentical() {
        // spec §3.8: each HAPT channel string has ~103 tokens; after the 64-token cut all six are identical
        List<String> axes = List.of("Accelerometer X-axis (waist)", "Accelerometer Y-axis (waist)",
                "Accelerometer Z-axis (waist)", "Gyroscope X-axis (waist)", "Gyroscope Y-axis (waist)",
                "Gyroscope Z-axis (waist)");
        List<String> strings = new ArrayList<>();
        for (String a : axes) strings.add(ChannelDescriptions.describe(HAPT, a, 50, 1.25));
        List<TokenEmbeddings> e = encoder.encode(strings);
        for (TokenEmbeddings t : e) {
            assertThat(t.numTokens()).isEqualTo(64);
            assertThat(t.tokenIds()).containsExactly(e.get(0).tokenIds());
        }
        // a short description keeps the channel identity
        assertThat(encoder.tokenize("Accelerometer X-axis (waist)"))
                .isNotEqualTo(encoder.tokenize("Gyroscope X-axis (waist)"));
    }

    @Test
    void semanticsAreSane() {
        float[][] v = encoder.embed(List.of("walking", "walking_upstairs", "ironing", "running", "lying"));
        assertThat(TokenEmbeddings.cosine(v[0], v[1])).isGreaterThan(TokenEmbeddings.cosine(v[0], v[2]));
        assertThat(TokenEmbeddings.cosine(v[0], v[3])).isGreaterThan(TokenEmbeddings.cosine(v[0], v[2]));
        assertThat(TokenEmbeddings.cosine(v[0], v[3])).isGreaterThan(TokenEmbeddings.cosine(v[2], v[4]));
    }

    @Test
    void batchingAndPaddingDoNotChangeResults() {
        List<String> texts = List.of("lying", "a much longer sentence about climbing the stairs quickly", "[PAD]",
                "sitting", "cycling");
        List<TokenEmbeddings> batched = encoder.encode(texts);
        for (int i = 0; i < texts.size(); i++) {
            TokenEmbeddings alone = encoder.encode(texts.get(i));
            assertThat(batched.get(i).text()).isEqualTo(texts.get(i));
            assertThat(batched.get(i).tokenIds()).containsExactly(alone.tokenIds());
            for (int j = 0; j < alone.states().length; j++) {
                assertThat(batched.get(i).states()[j]).isCloseTo(alone.states()[j], within(1e-4f));
            }
        }
        TokenBatch tb = TokenBatch.of(batched);
        assertThat(tb.shape()).containsExactly(5, batched.get(1).numTokens(), 384);
        assertThat(tb.mask()[0 * tb.maxTokens() + 2]).isTrue();   // "lying" = [CLS] lying [SEP]
        assertThat(tb.mask()[0 * tb.maxTokens() + 3]).isFalse();
        assertThat(tb.states()[(0 * tb.maxTokens() + 3) * 384]).isZero();
    }

    @Test
    void concurrentCallsGiveIdenticalResults() throws Exception {
        List<String> texts = new ArrayList<>();
        for (String a : List.of("walking", "jogging", "standing still", "going down the stairs", "[PAD]",
                "vacuum cleaning", "jumping", "rope jumping")) {
            texts.add(a);
            texts.add("the person is " + a);
        }
        List<TokenEmbeddings> reference = encoder.encode(texts);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<TokenEmbeddings>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) futures.add(pool.submit(() -> encoder.encode(texts)));
            for (Future<List<TokenEmbeddings>> f : futures) {
                List<TokenEmbeddings> got = f.get();
                for (int i = 0; i < texts.size(); i++) {
                    assertThat(Arrays.equals(got.get(i).states(), reference.get(i).states())).as(texts.get(i)).isTrue();
                    assertThat(got.get(i).pooled()).containsExactly(reference.get(i).pooled());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nullTextIsRejectedAndEmptyListIsEmpty() {
        assertThat(encoder.encode(List.of())).isEmpty();
        List<String> withNull = new ArrayList<>(List.of("a"));
        withNull.add(null);
        assertThatThrownBy(() -> encoder.encode(withNull)).hasMessageContaining("text 1 is null");
    }

    @Test
    void closedEncoderFailsClearly() throws Exception {
        MiniLmTextEncoder other = MiniLmTextEncoder.builder().optMaxTokens(16).optIntraOpThreads(1).build();
        assertThat(other.modelId()).isNotEqualTo(encoder.modelId()); // truncation length is part of the id
        assertThat(other.encode(HAPT).numTokens()).isEqualTo(16);
        other.close();
        other.close(); // idempotent
        assertThatThrownBy(() -> other.encode("walking")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
