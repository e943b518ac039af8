package io.tsfm.core.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every public top-level type of core's main code says whether it is {@link PublicApi} or {@link Internal}. */
class ApiMarksTest {
    private static final Path MAIN = Path.of("src", "main", "java");

    private static final Pattern PUBLIC_TOP_LEVEL = Pattern.compile(
            "^public\\s+(?:(?:final|abstract|sealed|non-sealed|static|strictfp)\\s+)*(?:class|interface|enum|record|@interface)\\s",
            Pattern.MULTILINE);
    private static final Pattern MARK = Pattern.compile("^@(?:io\\.tsfm\\.core\\.annotation\\.)?(?:PublicApi|Internal)\\b",
            Pattern.MULTILINE);

    @Test
    void everyPublicTypeOfCoreCarriesAMark() throws IOException {
        assertThat(MAIN.resolve("io/tsfm/core")).isDirectory();
        List<String> unmarked = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java"))
                    .filter(f -> lacksMark(read(f)))
                    .forEach(f -> unmarked.add(MAIN.relativize(f).toString()));
        }
        assertThat(unmarked).as("public types of core with neither @PublicApi nor @Internal").isEmpty();
    }

    @Test
    void theCheckSeesAPublicTypeWithoutAMark() {
        assertThat(lacksMark("package a;\n\n/** Doc. */\npublic final class A {\n}\n")).isTrue();
        assertThat(lacksMark("package a;\n\n/** Doc. */\n@Internal\npublic final class A {\n}\n")).isFalse();
        assertThat(lacksMark("package a;\n\n@PublicApi\npublic record R(int x) {\n}\n")).isFalse();
        assertThat(lacksMark("package a;\n\nfinal class Hidden {\n    public static class Nested {}\n}\n")).isFalse();
    }

    /** Whether the source declares a public top-level type with no mark before its declaration. */
    static boolean lacksMark(String source) {
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
