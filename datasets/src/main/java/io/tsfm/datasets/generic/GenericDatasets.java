package io.tsfm.datasets.generic;

import io.tsfm.core.data.DataFormatException;
import io.tsfm.core.data.ReadProblem;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.DatasetSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the user datasets in the generic labelled-CSV format under a data root: every folder
 * {@code <root>/<name>/} holding a {@value GenericManifest#FILE_NAME}, and every {@code <root>/<name>.zip}
 * with one at its top level or in its single top folder. A manifest's {@code name} must equal the folder
 * (or zip) name, so that {@link DataRoot#locate} finds the data again. A malformed manifest does not hide
 * the others: it is returned as a problem naming the file and field. Stateless and thread-safe.
 */
public final class GenericDatasets {
    private GenericDatasets() {}

    /**
     * What discovery found.
     *
     * @param readers  one reader per valid manifest, sorted by name
     * @param problems one entry per manifest that could not be used
     */
    public record Discovery(List<GenericCsvReader> readers, List<ReadProblem> problems) {
        public Discovery {
            readers = List.copyOf(readers);
            problems = List.copyOf(problems);
        }
    }

    /** Scans the direct children of the data root. */
    public static Discovery discover(DataRoot root) throws IOException {
        List<GenericCsvReader> readers = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>();
        Path dir = root.path();
        if (!Files.isDirectory(dir)) return new Discovery(readers, problems);
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) children.add(p);
        }
        children.sort(Comparator.comparing(Path::toString));
        for (Path p : children) {
            String fileName = p.getFileName().toString();
            if (Files.isDirectory(p)) {
                Path m = p.resolve(GenericManifest.FILE_NAME);
                if (Files.isRegularFile(m)) {
                    add(Files.readAllBytes(m), root.path().relativize(m).toString(), fileName, readers, problems);
                }
            } else if (fileName.endsWith(".zip") && Files.isRegularFile(p)) {
                String stem = fileName.substring(0, fileName.length() - 4);
                if (Files.isDirectory(dir.resolve(stem))) continue; // the folder wins, as in DataRoot.locate
                scanZip(p, stem, readers, problems);
            }
        }
        readers.sort(Comparator.comparing(GenericCsvReader::name));
        return new Discovery(readers, problems);
    }

    /** Reads the manifest of one dataset folder or zip and returns its reader. */
    public static GenericCsvReader load(Path folderOrZip) throws IOException {
        try (DatasetSource src = DatasetSource.open(folderOrZip)) {
            String prefix = GenericCsvReader.manifestFolder(src);
            String entry = prefix + GenericManifest.FILE_NAME;
            if (!src.entries().contains(entry)) {
                throw new IOException(folderOrZip + ": no " + GenericManifest.FILE_NAME + " found");
            }
            try (InputStream in = src.open(entry)) {
                return new GenericCsvReader(GenericManifest.parse(in.readAllBytes(),
                        folderOrZip + (Files.isDirectory(folderOrZip) ? "/" : ":") + entry));
            }
        }
    }

    private static void scanZip(Path zip, String stem, List<GenericCsvReader> readers, List<ReadProblem> problems) {
        try (DatasetSource src = DatasetSource.open(zip)) {
            String prefix = GenericCsvReader.manifestFolder(src);
            String entry = prefix + GenericManifest.FILE_NAME;
            if (prefix.chars().filter(c -> c == '/').count() > 1 || !src.entries().contains(entry)) return;
            try (InputStream in = src.open(entry)) {
                add(in.readAllBytes(), zip.getFileName() + ":" + entry, stem, readers, problems);
            }
        } catch (IOException e) {
            problems.add(new ReadProblem(zip.getFileName().toString(), 0, 0, "unreadable archive: " + e.getMessage(), 1, true));
        }
    }

    private static void add(byte[] json, String file, String folderName, List<GenericCsvReader> readers,
                            List<ReadProblem> problems) {
        try {
            GenericManifest m = GenericManifest.parse(json, file);
            if (!m.name().equals(folderName)) {
                problems.add(new ReadProblem(file, 0, 0, "field 'name': '" + m.name() + "' differs from its folder '"
                        + folderName + "'; rename one so they match", 1, true));
                return;
            }
            readers.add(new GenericCsvReader(m));
        } catch (DataFormatException e) {
            problems.add(ReadProblem.of(e));
        }
    }
}
