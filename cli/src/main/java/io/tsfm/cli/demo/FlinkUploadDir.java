package io.tsfm.cli.demo;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one folder a local Flink MiniCluster leaves behind: its REST server's upload folder, {@code flink-web-upload}
 * under {@code java.io.tmpdir} (Flink's default {@code web.upload.dir}), created at start and not removed at shutdown.
 * The demo removes it afterwards if the folder was not there before the run and is still empty (so another
 * process's folder, or one that holds anything, is left alone). Not thread-safe.
 */
final class FlinkUploadDir {
    private final Path dir = Path.of(System.getProperty("java.io.tmpdir"), "flink-web-upload");
    private final boolean existed = Files.exists(dir);

    /** Notes whether the folder exists now, before the MiniCluster starts. */
    static FlinkUploadDir beforeStart() {
        return new FlinkUploadDir();
    }

    /** Removes the folder if this run created it and it is empty. */
    void removeIfCreated() {
        if (existed) return;
        try {
            Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException e) {
            // something uses it: not ours to remove
        } catch (IOException e) {
            // best effort: the folder stays, as it would without the demo's clean-up
        }
    }
}
