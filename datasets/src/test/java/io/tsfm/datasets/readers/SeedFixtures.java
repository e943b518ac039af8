package io.tsfm.datasets.readers;

import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetReader;
import io.tsfm.datasets.DatasetSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes small fixtures in a dataset's published layout and reads them back. */
final class SeedFixtures {
    private SeedFixtures() {}

    static Path write(Path root, String relative, String text) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    /** A zip archive holding {@code entries} (path → bytes or text). */
    static byte[] zip(Map<String, ?> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, ?> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                Object v = e.getValue();
                z.write(v instanceof byte[] b ? b : v.toString().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static Path writeZip(Path file, Map<String, ?> entries) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(zip(entries));
        }
        return file;
    }

    static Dataset read(DatasetReader reader, Path root) throws IOException {
        try (DatasetSource src = DatasetSource.open(root)) {
            return reader.read(src);
        }
    }

    static Session session(Dataset d, String idPrefix) {
        List<Session> matches = d.sessions().stream().filter(s -> s.id().startsWith(idPrefix)).toList();
        if (matches.size() != 1) {
            throw new AssertionError("expected one session with id prefix " + idPrefix + ", found "
                    + d.sessions().stream().map(Session::id).toList());
        }
        return matches.get(0);
    }

    static List<ReadProblem> errors(Dataset d) {
        return d.problems().stream().filter(ReadProblem::fatal).toList();
    }

    /** Channel {@code name} of {@code s}. */
    static float[] channel(Session s, String name) {
        for (int c = 0; c < s.numChannels(); c++) {
            if (s.channels().get(c).name().equals(name)) return s.samples()[c];
        }
        throw new AssertionError("no channel " + name + " in " + s);
    }
}
