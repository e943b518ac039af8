package io.tsfm.datasets.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** A confusion matrix as a PNG heat map: rows are true labels, columns predictions, cells row-normalised. */
public final class ConfusionMatrixPlot {
    private ConfusionMatrixPlot() {}

    /**
     * @param labels    class names (row and column order)
     * @param confusion {@code confusion[truth][pred]} counts
     */
    public static void write(String title, List<String> labels, long[][] confusion, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int k = labels.size();
        int cell = k <= 12 ? 48 : k <= 30 ? 28 : 16;
        Font small = new Font(Font.SANS_SERIF, Font.PLAIN, Math.min(12, cell / 2));
        int margin = 10 + labels.stream().mapToInt(String::length).max().orElse(5) * 7;
        int top = 40 + margin;
        int w = margin + k * cell + 40;
        int h = top + k * cell + 40;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title + "  (rows: truth, columns: prediction; row-normalised)", 10, 20);
            g.setFont(small);
            FontMetrics fm = g.getFontMetrics();
            for (int r = 0; r < k; r++) {
                long rowSum = 0;
                for (long v : confusion[r]) rowSum += v;
                for (int c = 0; c < k; c++) {
                    double f = rowSum == 0 ? 0 : confusion[r][c] / (double) rowSum;
                    int shade = (int) Math.round(255 * (1 - f));
                    g.setColor(new Color(shade, shade, 255));
                    g.fillRect(margin + c * cell, top + r * cell, cell, cell);
                    if (cell >= 28 && confusion[r][c] > 0) {
                        g.setColor(f > 0.5 ? Color.WHITE : Color.BLACK);
                        String s = Long.toString(confusion[r][c]);
                        g.drawString(s, margin + c * cell + (cell - fm.stringWidth(s)) / 2, top + r * cell + cell / 2 + fm.getAscent() / 2 - 1);
                    }
                }
                g.setColor(Color.BLACK);
                g.drawString(labels.get(r), margin - 5 - fm.stringWidth(labels.get(r)), top + r * cell + cell / 2 + fm.getAscent() / 2 - 1);
            }
            AffineTransform saved = g.getTransform();
            for (int c = 0; c < k; c++) {
                g.setTransform(saved);
                g.translate(margin + c * cell + cell / 2 + fm.getAscent() / 2, top - 5);
                g.rotate(-Math.PI / 2);
                g.drawString(labels.get(c), 0, 0);
            }
            g.setTransform(saved);
            g.setColor(Color.GRAY);
            g.drawRect(margin, top, k * cell, k * cell);
        } finally {
            g.dispose();
        }
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        ImageIO.write(img, "png", png.toFile());
    }
}
