package io.tsfm.lab.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's resident memory from {@code /proc/self/status} (Linux): {@code VmRSS} (now) and {@code VmHWM} (the
 * peak), in KiB; -1 where the file or the field is missing (not Linux). Stateless.
 *
 * @param rssKib now
 * @param hwmKib peak
 */
record ResidentMemory(long rssKib, long hwmKib) {

    /** Reads the figures now. */
    static ResidentMemory now() {
        long rss = -1;
        long hwm = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) rss = kib(line);
                else if (line.startsWith("VmHWM:")) hwm = kib(line);
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the figures stay unknown
        }
        return new ResidentMemory(rss, hwm);
    }

    private static long kib(String line) {
        // "VmRSS:	  123456 kB"
        return Long.parseLong(line.substring(line.indexOf(':') + 1).replace("kB", "").trim());
    }
}
