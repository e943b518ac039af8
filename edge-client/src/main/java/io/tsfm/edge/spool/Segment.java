package io.tsfm.edge.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One segment file and what the spool knows about it. The channel is opened lazily and shared by the writer
 * (positional writes) and readers (positional reads); all access happens under the spool lock.
 */
final class Segment {
    private final Path path;
    private final long baseOffset;
    /** Offset after the last record in the file (exclusive). */
    long endOffset;
    /** Bytes of intact frames; the file is exactly this long outside an append. */
    long size;
    boolean deleted;
    private FileChannel channel;
    private boolean writable;

    Segment(Path path, long baseOffset) {
        this.path = path;
        this.baseOffset = baseOffset;
        this.endOffset = baseOffset;
    }

    Path path() {
        return path;
    }

    long baseOffset() {
        return baseOffset;
    }

    long records() {
        return endOffset - baseOffset;
    }

    FileChannel channel() throws IOException {
        if (deleted) throw new IOException("spool segment " + path + " was deleted");
        if (channel == null) channel = FileChannel.open(path, StandardOpenOption.READ);
        return channel;
    }

    /** Creates the file, which must not exist yet, for appending. */
    void create() throws IOException {
        channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        writable = true;
    }

    /** Reopens an existing file for appending at {@link #size}. */
    FileChannel openForAppend() throws IOException {
        if (!writable) {
            closeChannel();
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            writable = true;
        }
        return channel;
    }

    void force() throws IOException {
        if (channel != null && writable) channel.force(false);
    }

    void closeChannel() throws IOException {
        FileChannel c = channel;
        channel = null;
        writable = false;
        if (c != null) c.close();
    }

    void delete() throws IOException {
        closeChannel();
        deleted = true;
        Files.deleteIfExists(path);
    }

    @Override
    public String toString() {
        return path.getFileName() + "[" + baseOffset + ".." + endOffset + ", " + size + " bytes]";
    }
}
