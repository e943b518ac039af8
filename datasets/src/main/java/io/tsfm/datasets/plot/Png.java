package io.tsfm.datasets.plot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/** Writes a chart as PNG, headless, creating parent folders. The one place charts touch the file system. */
final class Png {
    private Png() {}

    static void write(JFreeChart chart, Path png, int width, int height) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, width, height);
    }
}
