package io.tsfm.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.core.testing.ApiMarks;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every public top-level type of the edge client says whether a user's code may call it (PublicApi) or not (Internal). */
class ApiMarksTest {
    @Test
    void everyPublicTypeCarriesAMark() {
        Path main = Path.of("src", "main", "java");
        assertThat(main.resolve("io/tsfm/edge")).isDirectory();
        assertThat(ApiMarks.unmarked(main)).as("public types with neither @PublicApi nor @Internal").isEmpty();
    }
}
