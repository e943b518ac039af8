package io.tsfm.datasets.generic;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.catalog.DatasetCatalog;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damage real files suffer on the way (a cut download, a spreadsheet's locale, an edited header), in one zip. */
class GenericDamagedFilesTest {
    private static final String MANIFEST = "{\"name\": \"lab\", \"description\": \"Watch IMU on the left wrist.\","
            + " \"role\": \"user\", \"rate_hz\": 10, \"channels\": ["
            + "{\"column\": \"ax\", \"kind\": \"accelerometer\", \"axis\": \"x\", \"unit\": \"g\"},"
            + "{\"column\": \"gz\", \"kind\": \"gyroscope\", \"axis\": \"z\", \"unit\": \"deg/s\"}],"
            + " \"label_column\": \"activity\"}";

    @Test
    void aTruncatedZipAMangledNumberAndAMissingColumnAreReportedAndTheRestReads(@TempDir Path root)
            throws IOException {
        StringBuilder big = new StringBuilder("ax,gz,activity\n");
        Random rnd = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            big.append(String.format(Locale.ROOT, "%.6f,%.6f,walking%n", rnd.nextGaussian(), rnd.nextGaussian()));
        }
        Path zip = root.resolve("lab.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            entry(z, "tsfm-dataset.json", MANIFEST);
            entry(z, "a.csv", "ax,gz,activity\n0.1,0,walking\n0.2,0,walking\n1.025.390.625,0,walking\n"
                    + "0.4,0,walking\n0.5,0,walking\n");
            entry(z, "b.csv", "ax,activity\n1,sitting\n1,sitting\n");      // 'gz' is missing
            entry(z, "z.csv", big.toString());                               // cut off below
        }
        byte[] whole = Files.readAllBytes(zip);
        Files.write(zip, java.util.Arrays.copyOf(whole, whole.length / 2)); // a download that stopped half-way

        DataRoot dataRoot = DataRoot.of(root);
        DatasetCatalog catalog = DatasetCatalog.load(dataRoot);
        assertThat(catalog.problems()).isEmpty();
        Dataset d = catalog.read("lab", dataRoot);

        // a.csv reads around its bad row; b.csv and the cut z.csv are reported
        assertThat(d.sessions()).extracting(Session::source).containsExactly("a.csv:2-3", "a.csv:5-6");
        assertThat(d.problems()).hasSize(3);
        assertThat(d.problems()).filteredOn(p -> p.file().equals("z.csv")).singleElement().satisfies(p -> {
            assertThat(p.fatal()).isTrue();
            assertThat(p.line()).isGreaterThan(1);
            assertThat(p.message()).contains("lab.zip is truncated").contains("breaks off in line " + p.line())
                    .contains("the 3 complete entries before it are read");
        });
        assertThat(d.problems()).filteredOn(p -> p.file().equals("a.csv")).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.column()).isEqualTo(1);
            assertThat(p.message()).contains("'1.025.390.625'").contains("locale");
        });
        assertThat(d.problems()).filteredOn(p -> p.file().equals("b.csv")).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.message()).contains("'gz' (channels[1].column)").contains("file skipped");
        });
        assertThat(d.problems()).allMatch(ReadProblem::fatal);
    }

    private static void entry(ZipOutputStream z, String name, String text) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        z.write(text.getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
    }
}
