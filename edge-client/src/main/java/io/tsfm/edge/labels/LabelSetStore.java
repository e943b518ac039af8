package io.tsfm.edge.labels;

import io.tsfm.core.annotation.Internal;
import io.tsfm.core.serving.LabelSetEntry;
import io.tsfm.schemas.WireFormat;
import io.tsfm.schemas.WireFormatException;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * The received label sets kept on disk ({@code label-sets.bin} in the edge client's state directory), so that a
 * restarted device that cannot reach the broker still scores against the last sets it was sent.
 *
 * <p>Format: the magic {@code TSFMLS1\n}, a record count, then each set as its control-topic record (the
 * {@code LabelSetUpdate} wire encoding, so the wire rules check it again on load) prefixed with its length, and a
 * CRC-32C of everything before it. Written to a temporary file, forced to disk and moved into place, so a crash
 * leaves the old file or the new one.
 *
 * <p>Thread-safety: {@link #save} and {@link #load} synchronise on this store.
 */
@Internal
public final class LabelSetStore {
    /** File name in the state directory. */
    public static final String FILE = "label-sets.bin";
    private static final byte[] MAGIC = "TSFMLS1\n".getBytes(StandardCharsets.US_ASCII);

    private final Path file;

    /** A store in {@code stateDir} (created on the first save). */
    public LabelSetStore(Path stateDir) {
        this.file = Objects.requireNonNull(stateDir, "stateDir").resolve(FILE);
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** Writes {@code sets}, replacing what was stored. */
    public synchronized void save(List<LabelSetEntry> sets) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(MAGIC);
        out.writeInt(sets.size());
        for (LabelSetEntry s : sets) {
            byte[] record = WireFormat.LABEL_SET_UPDATE.encode(s.toUpdate());
            out.writeInt(record.length);
            out.write(record);
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes.toByteArray());
        out.writeInt((int) crc.getValue());
        out.flush();
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes.toByteArray());
            while (buf.hasRemaining()) ch.write(buf);
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Hands the stored sets to {@code sets} (each kept when newer than what it holds).
     *
     * @return how many were taken
     * @throws IOException as {@link #load}
     */
    public int restoreInto(LabelSets sets) throws IOException {
        int taken = 0;
        for (LabelSetEntry s : load()) {
            if (sets.apply(s)) taken++;
        }
        return taken;
    }

    /**
     * The stored sets; empty when there is no file.
     *
     * @throws IOException naming the file and what is wrong when it is not a complete, intact store
     */
    public synchronized List<LabelSetEntry> load() throws IOException {
        if (!Files.exists(file)) return List.of();
        byte[] all = Files.readAllBytes(file);
        if (all.length < MAGIC.length + 8 || !Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IOException(file + ": not a label-set store (bad magic or too short: " + all.length + " bytes)");
        }
        CRC32C crc = new CRC32C();
        crc.update(all, 0, all.length - 4);
        int stored = ByteBuffer.wrap(all, all.length - 4, 4).getInt();
        if (stored != (int) crc.getValue()) {
            throw new IOException(file + ": checksum mismatch (the file is damaged)");
        }
        List<LabelSetEntry> out = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(all, MAGIC.length,
                all.length - 4 - MAGIC.length))) {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                int len = in.readInt();
                if (len < 0 || len > all.length) throw new IOException(file + ": record " + i + " has length " + len);
                byte[] record = in.readNBytes(len);
                if (record.length != len) throw new EOFException(file + ": record " + i + " is cut short");
                try {
                    out.add(LabelSetEntry.of(WireFormat.LABEL_SET_UPDATE.decode(record)));
                } catch (WireFormatException | IllegalArgumentException e) {
                    throw new IOException(file + ": record " + i + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }
}
