package io.tsfm.benchmark.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tsfm.benchmark.run.BenchmarkException;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.core.text.MiniLmTextEncoder;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.datasets.eval.DatasetWindows;
import io.tsfm.training.testing.FreshCheckpoint;
import io.tsfm.training.text.TextBank;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped bundle and its shipped checkpoint are one model; a checkpoint of other weights is refused. */
class BundleCheckpointTest {
    static final Path BUNDLE = Path.of("..", "models", "tsfm-micro").toAbsolutePath().normalize();
    static MiniLmTextEncoder encoder;
    static TextBank text;
    static List<SensorWindow> windows;

    @BeforeAll
    static void load() throws Exception {
        DataRoot root = DataRoot.resolve();
        windows = DatasetWindows.spread(DatasetWindows.of(DatasetCatalog.load(root).read("basicmotions", root), 1.0), 6)
                .stream().map(DatasetWindows.Labeled::window).toList();
        encoder = MiniLmTextEncoder.builder().optMaxTokens(128).build(); // as the checkpoint was trained
        text = new TextBank(encoder);
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void theShippedCheckpointIsTheBundlesModel() {
        Path sibling = BundleCheckpoint.sibling(BUNDLE).orElseThrow();
        assertThat(sibling.getFileName().toString()).isEqualTo("tsfm-micro.checkpoint");
        assertThat(BundleCheckpoint.verify(BUNDLE, sibling, windows, text)).isLessThanOrEqualTo(BundleCheckpoint.TOLERANCE);
    }

    @Test
    void refusesACheckpointOfOtherWeights(@TempDir Path dir) throws Exception {
        // same tier and configuration, freshly initialised weights: only the embeddings can tell them apart
        Path shipped = BundleCheckpoint.sibling(BUNDLE).orElseThrow();
        Path other = FreshCheckpoint.write(shipped, dir.resolve("other.checkpoint"));
        assertThatThrownBy(() -> BundleCheckpoint.verify(BUNDLE, other, windows, text))
                .isInstanceOf(BenchmarkException.class)
                .hasMessageContaining("is not the model of bundle")
                .hasMessageContaining("embeddings of 6 real windows differ");
    }

    @Test
    void refusesAFolderThatIsNoCheckpoint(@TempDir Path dir) {
        assertThatThrownBy(() -> BundleCheckpoint.verify(BUNDLE, dir, windows, text))
                .isInstanceOf(BenchmarkException.class).hasMessageContaining("not a TSFM checkpoint");
        assertThat(BundleCheckpoint.sibling(dir.resolve("nothing"))).isEmpty();
    }
}
