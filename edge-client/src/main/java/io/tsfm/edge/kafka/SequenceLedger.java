package io.tsfm.edge.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The next frame sequence number of every device, kept in {@code sequences.properties} beside the spool so that a
 * restarted client continues each device's numbering instead of repeating numbers consumers already saw (they
 * deduplicate by them). Written atomically (temporary file, fsync, rename) before every acknowledgement of the
 * spool, so it always covers every record the spool has let go of; records still in the spool are scanned on
 * start-up. Not thread-safe (the publisher serialises access).
 */
final class SequenceLedger {
    static final String FILE = "sequences.properties";
    private static final String TMP = "sequences.properties.tmp";

    private SequenceLedger() {
    }

    /** Device id to next sequence number; empty when there is no ledger yet. */
    static Map<String, Long> read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        Map<String, Long> out = new HashMap<>();
        if (!Files.exists(file)) return out;
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        for (String device : p.stringPropertyNames()) {
            String v = p.getProperty(device).trim();
            try {
                long next = Long.parseLong(v);
                if (next < 0) throw new NumberFormatException("negative");
                out.put(device, next);
            } catch (NumberFormatException e) {
                throw new IOException(file + ": device '" + device + "' has next sequence '" + v
                        + "', not a whole number >= 0", e);
            }
        }
        return out;
    }

    static void write(Path dir, Map<String, Long> next) throws IOException {
        Properties p = new Properties();
        for (Map.Entry<String, Long> e : new TreeMap<>(next).entrySet()) p.setProperty(e.getKey(), Long.toString(e.getValue()));
        Path tmp = dir.resolve(TMP);
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "next frame sequence number per device (edge client)");
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
