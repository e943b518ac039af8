package io.tsfm.datasets.readers;

import io.tsfm.core.data.ReadProblem;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetReader;
import io.tsfm.datasets.DatasetSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes a small dataset in a published layout into a temporary folder, and reads it back. */
final class Fixture {
    final Path dir;

    Fixture(Path dir) {
        this.dir = dir;
    }

    Fixture text(String rel, String content) throws IOException {
        return bytes(rel, content.getBytes(StandardCharsets.UTF_8));
    }

    Fixture bytes(String rel, byte[] content) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        return this;
    }

    /** Reads the folder with {@code reader}. */
    Dataset read(DatasetReader reader) throws IOException {
        try (DatasetSource src = DatasetSource.open(dir)) {
            return reader.read(src);
        }
    }

    /** Zips the folder's contents (paths relative to it) into {@code zip}. */
    Path zip(Path zip) throws IOException {
        Files.createDirectories(zip.getParent());
        try (OutputStream os = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(os);
             Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                z.putNextEntry(new ZipEntry(dir.relativize(p).toString().replace('\\', '/')));
                z.write(Files.readAllBytes(p));
                z.closeEntry();
            }
        }
        return zip;
    }

    /** "file:line:column" of every fatal problem, for compact assertions. */
    static List<String> errors(Dataset d) {
        return d.problems().stream().filter(ReadProblem::fatal)
                .map(p -> p.file() + ":" + p.line() + ":" + p.column()).collect(Collectors.toList());
    }
}
