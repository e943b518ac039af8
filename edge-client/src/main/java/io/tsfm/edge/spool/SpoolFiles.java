package io.tsfm.edge.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Names of the files in a spool directory, and directory fsync. */
final class SpoolFiles {
    static final String ACK = "spool.ack";
    static final String ACK_TMP = "spool.ack.tmp";
    static final String LOCK = "spool.lock";
    static final String CORRUPT_DIR = "corrupt";
    private static final Pattern SEGMENT = Pattern.compile("spool-(\\d{20})\\.seg");

    private SpoolFiles() {
    }

    static String segmentName(long baseOffset) {
        return String.format("spool-%020d.seg", baseOffset);
    }

    /** The base offset encoded in a segment file name, or -1 when the name is not a segment's. */
    static long parseSegmentName(String name) {
        Matcher m = SEGMENT.matcher(name);
        if (!m.matches()) return -1;
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Makes a create, rename or delete in {@code dir} durable. Platforms that cannot open a directory skip it. */
    static void syncDirectory(Path dir) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            return; // e.g. Windows: directory entries are durable with the file there
        }
        try (channel) {
            channel.force(true);
        }
    }
}
