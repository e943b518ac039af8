package io.tsfm.core.runtime;

import io.tsfm.core.ort.OrtSupport;
import ai.onnxruntime.OrtSession;
import io.tsfm.core.text.TextEncoder;
import io.tsfm.core.text.TokenBatch;
import io.tsfm.core.text.TokenEmbeddings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The text inputs of the model, each computed once per distinct string and cached: channel-description vectors
 * ({@code ch}, through the frozen text encoder then {@code channel_text.onnx}) and label embeddings (the bundle's
 * precomputed table for vocabulary labels; otherwise the frozen text encoder's pooled sentence embedding or, for
 * learnable label encoders, {@code label_bank.onnx} over its token states).
 *
 * <p>Thread-safe: the caches are concurrent maps, the ONNX sessions allow concurrent runs, and the text encoder must
 * be thread-safe itself. Two threads missing the same string may both compute it; the results are identical.
 */
final class TextSide {

    /** Strings per text-model and text-graph call. */
    private static final int CHUNK = 64;

    private final TextEncoder encoder;
    private final OrtSession channelText;
    private final OrtSession labelBank;
    private final boolean learnableLabels;
    private final Map<String, Integer> vocabularyRow = new HashMap<>();
    private final ModelBundle bundle;
    private final Map<String, float[]> channelCache = new ConcurrentHashMap<>();
    private final Map<String, float[]> labelCache = new ConcurrentHashMap<>();

    TextSide(ModelBundle bundle, TextEncoder encoder, OrtSession channelText, OrtSession labelBank) {
        this.bundle = bundle;
        this.encoder = encoder;
        this.channelText = channelText;
        this.labelBank = labelBank;
        this.learnableLabels = bundle.labelEncoder() == LabelEncoderKind.LEARNABLE;
        List<String> labels = bundle.labels();
        for (int i = 0; i < labels.size(); i++) {
            vocabularyRow.put(labels.get(i), i);
        }
    }

    /** The {@code ch} vector of each description, in order (computed for strings not seen before). */
    float[][] channelEmbeddings(List<String> descriptions) {
        List<String> missing = missing(descriptions, channelCache);
        for (int from = 0; from < missing.size(); from += CHUNK) {
            List<String> chunk = missing.subList(from, Math.min(missing.size(), from + CHUNK));
            float[][] rows = runTextGraph(channelText, "channel_text.onnx", BundleLayout.CH, chunk);
            for (int i = 0; i < chunk.size(); i++) channelCache.put(chunk.get(i), rows[i]);
        }
        return lookup(descriptions, channelCache);
    }

    /** The unit embedding of each label text, in order. */
    float[][] labelEmbeddings(List<String> labels) {
        float[][] out = new float[labels.size()][];
        List<String> others = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            Integer row = vocabularyRow.get(labels.get(i));
            if (row != null) {
                out[i] = bundle.labelEmbedding(row);
            } else {
                others.add(labels.get(i));
            }
        }
        if (others.isEmpty()) return out;
        List<String> missing = missing(others, labelCache);
        for (int from = 0; from < missing.size(); from += CHUNK) {
            List<String> chunk = missing.subList(from, Math.min(missing.size(), from + CHUNK));
            if (learnableLabels) {
                float[][] rows = runTextGraph(labelBank, "label_bank.onnx", BundleLayout.LABEL_EMB, chunk);
                for (int i = 0; i < chunk.size(); i++) labelCache.put(chunk.get(i), rows[i]);
            } else {
                List<TokenEmbeddings> enc = encoder.encode(chunk);
                for (int i = 0; i < chunk.size(); i++) labelCache.put(chunk.get(i), enc.get(i).pooled().clone());
            }
        }
        for (int i = 0; i < labels.size(); i++) {
            if (out[i] == null) out[i] = labelCache.get(labels.get(i));
        }
        return out;
    }

    private float[][] runTextGraph(OrtSession session, String what, String output, List<String> texts) {
        TokenBatch b = TokenBatch.of(encoder.encode(texts));
        Map<String, OrtSupport.Input> in = new HashMap<>();
        in.put(BundleLayout.TOKENS, new OrtSupport.Input(b.states(), b.shape()));
        in.put(BundleLayout.TOKEN_MASK, new OrtSupport.Input(b.mask(), b.size(), b.maxTokens()));
        OrtSupport.Output o = OrtSupport.run(session, what, in, output);
        int width = (int) o.shape()[1];
        float[][] rows = new float[texts.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = java.util.Arrays.copyOfRange(o.data(), i * width, (i + 1) * width);
        }
        return rows;
    }

    private static List<String> missing(List<String> texts, Map<String, float[]> cache) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String t : texts) {
            if (!cache.containsKey(t)) out.add(t);
        }
        return new ArrayList<>(out);
    }

    private static float[][] lookup(List<String> texts, Map<String, float[]> cache) {
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < out.length; i++) out[i] = cache.get(texts.get(i));
        return out;
    }
}
