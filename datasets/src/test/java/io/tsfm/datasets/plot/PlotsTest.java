package io.tsfm.datasets.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {

    @Test
    void writesReadablePngs(@TempDir Path dir) throws Exception {
        CurvePlot curves = new CurvePlot("training", "epoch");
        for (int e = 0; e < 5; e++) {
            curves.add("loss", "train", e, 3.0 / (e + 1)).add("loss", "val", e, 3.5 / (e + 1)).add("accuracy", "val", e, 0.1 * e);
        }
        curves.write(dir.resolve("curves.png"));
        ConfusionMatrixPlot.write("cm", List.of("a", "b"), new long[][] {{3, 1}, {0, 4}}, dir.resolve("cm.png"));
        float[][] pts = new float[40][8];
        java.util.Random rng = new java.util.Random(1);
        List<String> labels = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 8; j++) pts[i][j] = (float) rng.nextGaussian() + (i % 2) * 3;
            labels.add(i % 2 == 0 ? "sit" : "walk");
        }
        EmbeddingMap.write("map", pts, labels, new float[][] {pts[0], pts[1]}, List.of("sit", "walk"), dir.resolve("map.png"));
        for (String f : List.of("curves.png", "cm.png", "map.png")) {
            BufferedImage img = ImageIO.read(dir.resolve(f).toFile());
            assertThat(img).as(f).isNotNull();
            assertThat(img.getWidth()).isGreaterThan(100);
        }
    }
}
