package io.tsfm.core.ort;

import io.tsfm.core.annotation.Internal;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Removes the folder ONNX Runtime unpacks its native libraries into when the JVM exits. ONNX Runtime (1.23) creates
 * {@code <java.io.tmpdir>/onnxruntime-java<random>} in every JVM that loads it and marks the folder and its files
 * {@code deleteOnExit}, folder first, so the JVM tries to delete the folder while it still holds the files and an
 * empty folder stays behind after every run. The libraries are already loaded by then, so deleting them is safe
 * (on Windows, where a loaded library cannot be deleted, the folder simply stays as before). Thread-safe.
 */
@Internal
public final class OrtTempDir {
    private static boolean registered;

    private OrtTempDir() {
    }

    /** Registers the clean-up once per JVM; call after ONNX Runtime is initialised. Does nothing if it cannot tell the folder. */
    public static synchronized void removeOnExit() {
        if (registered) return;
        registered = true;
        Path dir;
        try {
            Field f = Class.forName("ai.onnxruntime.OnnxRuntime").getDeclaredField("tempDirectory");
            f.setAccessible(true);
            dir = (Path) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return; // another ONNX Runtime version: nothing known to clean up
        }
        if (dir == null) return;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "tsfm-ort-tempdir"));
    }

    private static void deleteTree(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort at exit: the folder stays, as it would without this class
        }
    }
}
