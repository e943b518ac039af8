package io.tsfm.export.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tsfm.export.onnx.params.MapParameterSource;
import io.tsfm.export.onnx.params.ParameterSource;
import io.tsfm.export.onnx.params.ParameterTensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exporter writes nothing when the served graphs would not reproduce DJL, or when the output is taken. */
class ParityRefusalTest {

    @TempDir
    Path tmp;

    /** The source with one weight of the projection head scaled by 1.05: a subtly wrong graph. */
    private static ParameterSource perturbed(ParameterSource src) {
        if (!src.contains("head.projection.fc3.weight")) return src;
        MapParameterSource.Builder b = MapParameterSource.builder();
        for (String name : src.names()) {
            ParameterTensor t = src.get(name);
            if (name.equals("head.projection.fc3.weight")) {
                float[] d = t.data().clone();
                for (int i = 0; i < d.length; i += 7) d[i] *= 1.05f;
                t = new ParameterTensor(d, t.shape());
            }
            b.put(name, t);
        }
        return b.build();
    }

    @Test
    void aGraphThatDiffersFromDjlIsRefusedAndNothingIsWritten() throws Exception {
        Path out = tmp.resolve("bundle");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertThatThrownBy(() -> TestBundles.exporter(TestBundles.frozen().checkpoint(), out,
                new PrintStream(log, true)).parameterTransform(ParityRefusalTest::perturbed).build().export())
                .isInstanceOfSatisfying(ParityException.class, e -> {
                    assertThat(e.report().maxWindowDiff()).isGreaterThan(1e-4);
                    assertThat(e.report().maxPatchDiff()).isGreaterThan(1e-4);
                    assertThat(e.report().passed()).isFalse();
                    assertThat(e.getMessage()).startsWith("refusing to write the bundle");
                });
        assertThat(out).doesNotExist();
        try (var s = Files.list(tmp)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void anExistingOutputIsNotReplacedUnlessAsked() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true);
        assertThatThrownBy(() -> TestBundles.exporter(TestBundles.frozen().checkpoint(), out, quiet).build().export())
                .hasMessageContaining("exists");
        // even with overwriting allowed, a folder that is not a bundle is left alone
        assertThatThrownBy(() -> TestBundles.exporter(TestBundles.frozen().checkpoint(), out, quiet)
                .optOverwrite(true).build().export()).hasMessageContaining("not a model bundle");
        assertThat(out.resolve("notes.txt")).hasContent("mine");
    }
}
