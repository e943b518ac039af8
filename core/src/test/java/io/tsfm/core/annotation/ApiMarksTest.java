package io.tsfm.core.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.core.testing.ApiMarks;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every public top-level type of core's main code says whether it is {@link PublicApi} or {@link Internal}. */
class ApiMarksTest {
    private static final Path MAIN = Path.of("src", "main", "java");

    @Test
    void everyPublicTypeOfCoreCarriesAMark() {
        assertThat(MAIN.resolve("io/tsfm/core")).isDirectory();
        assertThat(ApiMarks.unmarked(MAIN)).as("public types of core with neither @PublicApi nor @Internal").isEmpty();
    }

    @Test
    void theCheckSeesAPublicTypeWithoutAMark() {
        assertThat(ApiMarks.lacksMark("package a;\n\n/** Doc. */\npublic final class A {\n}\n")).isTrue();
        assertThat(ApiMarks.lacksMark("package a;\n\n/** Doc. */\n@Internal\npublic final class A {\n}\n")).isFalse();
        assertThat(ApiMarks.lacksMark("package a;\n\n@PublicApi\npublic record R(int x) {\n}\n")).isFalse();
        assertThat(ApiMarks.lacksMark("package a;\n\nfinal class Hidden {\n    public static class Nested {}\n}\n"))
                .isFalse();
    }
}
