package io.tsfm.datasets.plot;

import io.tsfm.core.data.Session;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Draws sessions' raw signals, one panel per session and one line per channel, into a PNG. */
public final class SessionPlot {
    private static final int PANEL_W = 900;
    private static final int PANEL_H = 260;
    /** Enough points per line for a readable plot without drawing every sample of long sessions. */
    private static final int MAX_POINTS = 2000;

    private SessionPlot() {}

    /** Writes the panels stacked vertically; headless-safe. */
    public static void write(List<Session> sessions, String title, Path png) throws IOException {
        if (sessions.isEmpty()) throw new IllegalArgumentException("no sessions to plot");
        System.setProperty("java.awt.headless", "true");
        int header = 30;
        BufferedImage img = new BufferedImage(PANEL_W, header + PANEL_H * sessions.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, 10, 21);
            for (int i = 0; i < sessions.size(); i++) {
                chart(sessions.get(i)).draw(g, new java.awt.geom.Rectangle2D.Double(0, header + i * PANEL_H, PANEL_W, PANEL_H));
            }
        } finally {
            g.dispose();
        }
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        ImageIO.write(img, "png", png.toFile());
    }

    private static JFreeChart chart(Session s) {
        XYSeriesCollection data = new XYSeriesCollection();
        int n = s.length();
        int step = Math.max(1, n / MAX_POINTS);
        for (int c = 0; c < s.numChannels(); c++) {
            XYSeries series = new XYSeries(s.channels().get(c).name() + " [" + s.channels().get(c).unit() + "]");
            float[] x = s.samples()[c];
            for (int t = 0; t < n; t += step) series.add(t / s.rateHz(), x[t]);
            data.addSeries(series);
        }
        String title = s.id() + "  (" + s.label() + ", subject " + s.subject() + ", " + s.rateHz() + " Hz)";
        JFreeChart chart = ChartFactory.createXYLineChart(title, "time [s]", "value", data,
                PlotOrientation.VERTICAL, true, false, false);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        chart.getXYPlot().setBackgroundPaint(Color.WHITE);
        chart.getXYPlot().setDomainGridlinePaint(Color.LIGHT_GRAY);
        chart.getXYPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
        return chart;
    }
}
