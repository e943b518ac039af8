package io.tsfm.core.text;

import io.tsfm.core.annotation.PublicApi;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A disk cache of text-encoder outputs keyed by (model id, text): token ids, token states, mask and pooled
 * vector of each text in its own small binary file. Purely a speed-up: a missing entry is recomputed, and an
 * entry that fails its CRC-32C, is truncated, or was written for another model or text is logged, deleted and
 * recomputed, never returned.
 *
 * <p>Location: {@link #open(Path)}, or {@link #openDefault()} which uses the system property
 * {@value #PROPERTY}, else the environment variable {@value #ENV}, else {@code ~/.cache/tsfm/text}.
 * Entry {@code (m, t)} lives at {@code <dir>/<m[0,16)>/<h[0,2)>/<h>.bin} with {@code h = SHA-256(m, t)}.
 *
 * <p>File format (little-endian): magic {@code "TSFMTXT1"}; int32 model-id length + UTF-8 bytes; int32 text
 * length + UTF-8 bytes; int32 K; int32 H; K × int64 token ids; K × byte mask; K·H × float32 states; H ×
 * float32 pooled; int32 CRC-32C of every preceding byte.
 *
 * <p>Thread-safe, also across processes sharing the folder: entries are written to a temporary file and
 * moved into place atomically, so a reader sees a whole entry or none.
 */
@PublicApi
public final class TextEmbeddingCache {
    /** System property naming the cache folder. */
    public static final String PROPERTY = "tsfm.text.cache";
    /** Environment variable naming the cache folder (the property wins). */
    public static final String ENV = "TSFM_TEXT_CACHE";

    private static final Logger LOG = LoggerFactory.getLogger(TextEmbeddingCache.class);
    private static final byte[] MAGIC = "TSFMTXT1".getBytes(StandardCharsets.US_ASCII);

    private final Path directory;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    private TextEmbeddingCache(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    /** A cache in {@code directory} (created on first write). */
    public static TextEmbeddingCache open(Path directory) {
        return new TextEmbeddingCache(directory);
    }

    /** A cache in {@link #defaultDirectory()}. */
    public static TextEmbeddingCache openDefault() {
        return new TextEmbeddingCache(defaultDirectory());
    }

    /** The property {@value #PROPERTY}, else {@value #ENV}, else {@code ~/.cache/tsfm/text}. */
    public static Path defaultDirectory() {
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isBlank()) p = System.getenv(ENV);
        if (p != null && !p.isBlank()) return Paths.get(p);
        return Paths.get(System.getProperty("user.home"), ".cache", "tsfm", "text");
    }

    public Path directory() {
        return directory;
    }

    /** Counts since this object was created: entries served, entries absent, entries found bad. */
    public record Stats(long hits, long misses, long rejected) {}

    public Stats stats() {
        return new Stats(hits.get(), misses.get(), rejected.get());
    }

    /** Where the entry for {@code (modelId, text)} is stored. */
    public Path fileFor(String modelId, String text) {
        String h = keyHash(modelId, text);
        String prefix = modelId.length() >= 16 ? modelId.substring(0, 16) : modelId;
        return directory.resolve(sanitize(prefix)).resolve(h.substring(0, 2)).resolve(h + ".bin");
    }

    /** The stored entry, or empty if absent or bad (a bad file is deleted). */
    public Optional<TokenEmbeddings> get(String modelId, String text) {
        Path f = fileFor(modelId, text);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            misses.incrementAndGet();
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("text cache entry {} unreadable ({}); recomputing", f, e.toString());
            misses.incrementAndGet();
            return Optional.empty();
        }
        try {
            TokenEmbeddings e = decode(bytes, modelId, text);
            hits.incrementAndGet();
            return Optional.of(e);
        } catch (CorruptEntryException e) {
            rejected.incrementAndGet();
            LOG.warn("text cache entry {} rejected: {}; deleting and recomputing", f, e.getMessage());
            try {
                Files.deleteIfExists(f);
            } catch (IOException ignored) {
                // it will be overwritten by the recomputed entry anyway
            }
            return Optional.empty();
        }
    }

    /** Stores {@code e} for {@code modelId}, replacing any previous entry atomically. */
    public void put(String modelId, TokenEmbeddings e) throws IOException {
        Path f = fileFor(modelId, e.text());
        Files.createDirectories(f.getParent());
        Path tmp = Files.createTempFile(f.getParent(), f.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, encode(modelId, e));
            try {
                Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException ex) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Every text's entry, computing the missing ones with {@code encoder} in one batch call and storing them.
     * A failed write is logged and does not fail the call (the cache is only a speed-up).
     */
    public List<TokenEmbeddings> getOrCompute(TextEncoder encoder, List<String> texts) {
        String id = encoder.modelId();
        TokenEmbeddings[] out = new TokenEmbeddings[texts.size()];
        Map<String, List<Integer>> missing = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            if (missing.containsKey(t)) {
                missing.get(t).add(i);
                continue;
            }
            Optional<TokenEmbeddings> hit = get(id, t);
            if (hit.isPresent()) {
                out[i] = hit.get();
            } else {
                missing.computeIfAbsent(t, k -> new ArrayList<>()).add(i);
            }
        }
        if (!missing.isEmpty()) {
            List<String> todo = new ArrayList<>(missing.keySet());
            List<TokenEmbeddings> computed = encoder.encode(todo);
            for (int j = 0; j < todo.size(); j++) {
                TokenEmbeddings e = computed.get(j);
                for (int i : missing.get(todo.get(j))) out[i] = e;
                try {
                    put(id, e);
                } catch (IOException ex) {
                    LOG.warn("cannot write text cache entry for '{}' under {}: {}", todo.get(j), directory, ex.toString());
                }
            }
        }
        return List.of(out);
    }

    static byte[] encode(String modelId, TokenEmbeddings e) {
        byte[] m = modelId.getBytes(StandardCharsets.UTF_8);
        byte[] t = e.text().getBytes(StandardCharsets.UTF_8);
        int k = e.numTokens();
        int h = e.hiddenSize();
        long size = MAGIC.length + 4L + m.length + 4L + t.length + 8L + 8L * k + k + 4L * k * h + 4L * h + 4L;
        if (size > Integer.MAX_VALUE) throw new IllegalArgumentException("entry too large: " + size + " bytes");
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(m.length).put(m).putInt(t.length).put(t).putInt(k).putInt(h);
        for (long id : e.tokenIds()) b.putLong(id);
        for (boolean v : e.mask()) b.put((byte) (v ? 1 : 0));
        b.asFloatBuffer().put(e.states());
        b.position(b.position() + 4 * e.states().length);
        b.asFloatBuffer().put(e.pooled());
        b.position(b.position() + 4 * h);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    static TokenEmbeddings decode(byte[] bytes, String modelId, String text) throws CorruptEntryException {
        if (bytes.length < MAGIC.length + 4) throw new CorruptEntryException("only " + bytes.length + " bytes");
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(bytes.length - 4) != (int) crc.getValue()) throw new CorruptEntryException("checksum mismatch");
        try {
            byte[] magic = new byte[MAGIC.length];
            b.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) throw new CorruptEntryException("bad magic");
            String m = readString(b);
            String t = readString(b);
            if (!m.equals(modelId)) throw new CorruptEntryException("written for model " + m);
            if (!t.equals(text)) throw new CorruptEntryException("written for another text");
            int k = b.getInt();
            int h = b.getInt();
            long expected = b.position() + 8L * k + k + 4L * k * h + 4L * h + 4L;
            if (k < 1 || h < 1 || expected != bytes.length) {
                throw new CorruptEntryException("size " + bytes.length + " does not match K=" + k + ", H=" + h);
            }
            long[] ids = new long[k];
            for (int i = 0; i < k; i++) ids[i] = b.getLong();
            boolean[] mask = new boolean[k];
            for (int i = 0; i < k; i++) mask[i] = b.get() != 0;
            float[] states = new float[k * h];
            b.asFloatBuffer().get(states);
            b.position(b.position() + 4 * states.length);
            float[] pooled = new float[h];
            b.asFloatBuffer().get(pooled);
            return new TokenEmbeddings(t, ids, mask, states, h, pooled);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new CorruptEntryException("malformed: " + e);
        }
    }

    private static String readString(ByteBuffer b) throws CorruptEntryException {
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) throw new CorruptEntryException("bad string length " + n);
        byte[] s = new byte[n];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    private static String keyHash(String modelId, String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(modelId.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static String sanitize(String s) {
        return s.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** An entry that must not be trusted. */
    static final class CorruptEntryException extends Exception {
        private static final long serialVersionUID = 1L;

        CorruptEntryException(String message) {
            super(message);
        }
    }
}
