package io.tsfm.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds public top-level types that carry neither {@code @PublicApi} nor {@code @Internal}, for each module's test
 * that its public API is marked apart from its internals.
 */
public final class ApiMarks {
    private static final Pattern PUBLIC_TOP_LEVEL = Pattern.compile(
            "^public\\s+(?:(?:final|abstract|sealed|non-sealed|static|strictfp)\\s+)*"
                    + "(?:class|interface|enum|record|@interface)\\s", Pattern.MULTILINE);
    private static final Pattern MARK = Pattern.compile(
            "^@(?:io\\.tsfm\\.core\\.annotation\\.)?(?:PublicApi|Internal)\\b", Pattern.MULTILINE);

    private ApiMarks() {
    }

    /** The sources under {@code root} (relative to it) that declare an unmarked public top-level type. */
    public static List<String> unmarked(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java"))
                    .filter(f -> lacksMark(read(f)))
                    .map(f -> root.relativize(f).toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the source declares a public top-level type with no mark before its declaration. */
    public static boolean lacksMark(String source) {
        var decl = PUBLIC_TOP_LEVEL.matcher(source);
        if (!decl.find()) return false;
        return !MARK.matcher(source.substring(0, decl.start())).find();
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
