package io.tsfm.edge.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The committed read position: 16 bytes (magic, next offset to replay, CRC-32C of both), replaced atomically by
 * write-fsync-rename so a crash leaves either the old or the new position, never a mix.
 */
final class AckFile {
    private static final int MAGIC = 0x5453414B; // "TSAK"
    private static final int SIZE = 16;

    private AckFile() {
    }

    /** The stored position; -1 when there is none; throws with the reason when the file is damaged. */
    static long read(Path dir) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dir.resolve(SpoolFiles.ACK));
        } catch (NoSuchFileException e) {
            return -1;
        }
        Path file = dir.resolve(SpoolFiles.ACK);
        if (bytes.length != SIZE) throw new IOException(file + ": " + bytes.length + " bytes, expected " + SIZE);
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        int crc = RecordFormat.crc(buf, 0, 12);
        if (buf.getInt(0) != MAGIC || buf.getInt(12) != crc) {
            throw new IOException(file + ": bad magic or CRC-32C");
        }
        long next = buf.getLong(4);
        if (next < 0) throw new IOException(file + ": negative offset " + next);
        return next;
    }

    static void write(Path dir, long nextOffset) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(SIZE);
        buf.putInt(MAGIC).putLong(nextOffset);
        buf.putInt(RecordFormat.crc(buf, 0, 12));
        buf.flip();
        Path tmp = dir.resolve(SpoolFiles.ACK_TMP);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (buf.hasRemaining()) ch.write(buf);
            ch.force(false);
        }
        Files.move(tmp, dir.resolve(SpoolFiles.ACK), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        SpoolFiles.syncDirectory(dir);
    }
}
