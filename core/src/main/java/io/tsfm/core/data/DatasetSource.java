package io.tsfm.core.data;

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
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The files of one dataset in its original published layout, read either from the archive users
 * download ({@code <name>.zip}) or from a folder they unpacked it into. Entry names are relative,
 * '/'-separated paths. Not thread-safe for concurrent {@link #open} calls on the same stream, but
 * separate {@link #open} calls may run from different threads.
 */
public abstract class DatasetSource implements Closeable {

    /** Opens a zip archive or a directory. */
    public static DatasetSource open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return new Directory(path);
        }
        if (Files.isRegularFile(path)) {
            return new Zip(path);
        }
        throw new IOException("no dataset archive or folder at " + path);
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
