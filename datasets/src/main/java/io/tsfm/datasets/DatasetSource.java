package io.tsfm.datasets;

import io.tsfm.core.data.ReadProblem;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * The files of one dataset in its original published layout, read either from the archive users
 * download ({@code <name>.zip}) or from a folder they unpacked it into. Entry names are relative,
 * '/'-separated paths. Not thread-safe for concurrent {@link #open} calls on the same stream, but
 * separate {@link #open} calls may run from different threads.
 */
public abstract class DatasetSource implements Closeable {

    /**
     * Opens a zip archive or a directory. A zip whose directory (at its end) is missing, e.g. a download cut
     * short, is read entry by entry from its start instead: the complete entries are kept and the one cut off
     * is reported in {@link #problems()}.
     */
    public static DatasetSource open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return new Directory(path);
        }
        if (Files.isRegularFile(path)) {
            try {
                return new Zip(path);
            } catch (ZipException e) {
                return Salvaged.read(path, e);
            }
        }
        throw new IOException("no dataset archive or folder at " + path);
    }

    /** Problems of the container itself (a truncated archive), to be reported with the dataset's. */
    public List<ReadProblem> problems() {
        return List.of();
    }

    /** Where the data lives, for messages. */
    public abstract String location();

    /** Every file entry (no directories), sorted by path. */
    public abstract List<String> entries();

    /** Opens one entry for reading; the caller closes the stream. */
    public abstract InputStream open(String entry) throws IOException;

    /** Entries whose path matches the regular expression (matched against the whole path). */
    public List<String> entries(String regex) {
        List<String> out = new ArrayList<>();
        for (String e : entries()) {
            if (e.matches(regex)) out.add(e);
        }
        return out;
    }

    /** The last path segment of an entry. */
    public static String fileName(String entry) {
        int i = entry.lastIndexOf('/');
        return i < 0 ? entry : entry.substring(i + 1);
    }

    private static final class Zip extends DatasetSource {
        private final Path path;
        private final ZipFile zip;
        private final List<String> entries;

        Zip(Path path) throws IOException {
            this.path = path;
            try {
                this.zip = new ZipFile(path.toFile());
            } catch (java.util.zip.ZipException e) {
                // the JDK's message ("zip END header not found") names no file: say which archive and what to do
                throw new java.util.zip.ZipException(path + ": not a readable zip archive, truncated or corrupt ("
                        + e.getMessage() + "); download it again");
            }
            List<String> names = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                if (!e.isDirectory() && !e.getName().startsWith("__MACOSX/")) names.add(e.getName());
            }
            Collections.sort(names);
            this.entries = List.copyOf(names);
        }

        @Override public String location() { return path.toString(); }
        @Override public List<String> entries() { return entries; }

        @Override
        public InputStream open(String entry) throws IOException {
            ZipEntry e = zip.getEntry(entry);
            if (e == null) throw new IOException(path + ": no entry " + entry);
            return zip.getInputStream(e);
        }

        @Override public void close() throws IOException { zip.close(); }
    }

    /**
     * The complete entries of a zip without its central directory, read in order from the local headers and
     * held in memory (a fallback for damaged archives only).
     */
    private static final class Salvaged extends DatasetSource {
        private final Path path;
        private final Map<String, byte[]> files;
        private final List<ReadProblem> problems;

        private Salvaged(Path path, Map<String, byte[]> files, List<ReadProblem> problems) {
            this.path = path;
            this.files = files;
            this.problems = List.copyOf(problems);
        }

        static Salvaged read(Path path, ZipException why) throws IOException {
            Map<String, byte[]> files = new TreeMap<>();
            List<ReadProblem> problems = new ArrayList<>();
            try (InputStream raw = Files.newInputStream(path); ZipInputStream z = new ZipInputStream(raw)) {
                ZipEntry e;
                while ((e = nextEntry(z, path, problems)) != null) {
                    if (e.isDirectory() || e.getName().startsWith("__MACOSX/")) continue;
                    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
                    try {
                        z.transferTo(buf);
                    } catch (IOException cut) {
                        byte[] part = buf.toByteArray();
                        long line = 1;
                        for (byte b : part) if (b == '\n') line++;
                        problems.add(new ReadProblem(e.getName(), line, 0, "the archive " + path.getFileName()
                                + " is truncated (" + why.getMessage() + "): this entry breaks off in line " + line
                                + " after " + part.length + " bytes; entry skipped, the " + files.size()
                                + " complete entries before it are read", 1, true));
                        break;
                    }
                    files.put(e.getName(), buf.toByteArray());
                }
            }
            if (files.isEmpty()) {
                throw new IOException(path + ": not a readable zip archive (" + why.getMessage() + ")", why);
            }
            return new Salvaged(path, files, problems);
        }

        /** The next local entry, or null at the end or where the headers stop making sense (reported). */
        private static ZipEntry nextEntry(ZipInputStream z, Path path, List<ReadProblem> problems) {
            try {
                return z.getNextEntry();
            } catch (IOException e) {
                problems.add(new ReadProblem(path.getFileName().toString(), 0, 0, "the archive breaks off between"
                        + " entries (" + e.getMessage() + "); the entries before read", 1, true));
                return null;
            }
        }

        // a reader that finds its layout incomplete names the location: say why entries may be missing
        @Override public String location() {
            return path + " (not a readable zip archive, truncated or corrupt: " + files.size()
                    + " complete entries salvaged; download it again)";
        }
        @Override public List<String> entries() { return List.copyOf(files.keySet()); }
        @Override public List<ReadProblem> problems() { return problems; }

        @Override
        public InputStream open(String entry) throws IOException {
            byte[] b = files.get(entry);
            if (b == null) throw new IOException(path + ": no complete entry " + entry);
            return new java.io.ByteArrayInputStream(b);
        }

        @Override public void close() {}
    }

    private static final class Directory extends DatasetSource {
        private final Path root;
        private final List<String> entries;

        Directory(Path root) throws IOException {
            this.root = root;
            try (Stream<Path> s = Files.walk(root)) {
                List<String> names = new ArrayList<>();
                s.filter(Files::isRegularFile).forEach(p -> names.add(root.relativize(p).toString().replace('\\', '/')));
                Collections.sort(names);
                this.entries = List.copyOf(names);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }

        @Override public String location() { return root.toString(); }
        @Override public List<String> entries() { return entries; }

        @Override
        public InputStream open(String entry) throws IOException {
            return Files.newInputStream(root.resolve(entry));
        }

        @Override public void close() {}
    }
}
