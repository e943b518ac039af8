package io.tsfm.datasets.generic;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenericDatasetsTest {
    @TempDir
    Path root;

    private static String manifest(String name) {
        return "{\"name\": \"" + name + "\", \"description\": \"d\", \"role\": \"user\", \"rate_hz\": 20,"
                + "\"channels\": [{\"column\": \"a\", \"kind\": \"accelerometer\", \"axis\": \"x\", \"unit\": \"m/s^2\"}],"
                + "\"label_column\": \"label\"}";
    }

    private void folder(String folder, String manifestJson) throws IOException {
        Files.createDirectories(root.resolve(folder));
        Files.writeString(root.resolve(folder).resolve("tsfm-dataset.json"), manifestJson);
        Files.writeString(root.resolve(folder).resolve("data.csv"), "a,label\n1,walking\n2,walking\n");
    }

    @Test
    void findsFoldersAndZipsAndReportsBadManifestsWithoutHidingTheOthers() throws IOException {
        folder("alpha", manifest("alpha"));
        folder("broken", manifest("broken").replace("\"m/s^2\"", "\"parsec\""));
        folder("misnamed", manifest("other"));
        Files.createDirectories(root.resolve("not_a_dataset"));
        Files.writeString(root.resolve("not_a_dataset/readme.txt"), "hello");
        try (OutputStream os = Files.newOutputStream(root.resolve("zipped.zip"));
             ZipOutputStream z = new ZipOutputStream(os)) {
            z.putNextEntry(new ZipEntry("zipped/tsfm-dataset.json"));
            z.write(manifest("zipped").getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("zipped/walk.csv"));
            z.write("a,label\n1,walking\n2,walking\n3,walking\n".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }

        GenericDatasets.Discovery found = GenericDatasets.discover(DataRoot.of(root));

        assertThat(found.readers()).extracting(GenericCsvReader::name).containsExactly("alpha", "zipped");
        assertThat(found.problems()).hasSize(2);
        assertThat(found.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("broken/tsfm-dataset.json");
            assertThat(p.message()).contains("channels[0].unit").contains("parsec");
        });
        assertThat(found.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("misnamed/tsfm-dataset.json");
            assertThat(p.message()).contains("field 'name'");
        });

        GenericCsvReader zipped = found.readers().get(1);
        Path at = DataRoot.of(root).locate("zipped").orElseThrow();
        try (DatasetSource src = DatasetSource.open(at)) {
            Dataset d = zipped.read(src);
            assertThat(d.sessions()).singleElement().satisfies(s -> {
                assertThat(s.id()).isEqualTo("walk_000");
                assertThat(s.length()).isEqualTo(3);
            });
        }
    }
}
