package io.tsfm.datasets.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Embeddings projected to 2-D by PCA (the top two principal components of the points and label
 * anchors together), points coloured by label, label anchors (e.g. label-bank embeddings) drawn as
 * large outlined squares with their names.
 */
public final class EmbeddingMap {
    private EmbeddingMap() {}

    /**
     * @param points       embeddings, one row each
     * @param pointLabels  label of each point
     * @param anchors      label embeddings to mark, one row each (may be empty)
     * @param anchorLabels label of each anchor
     */
    public static void write(String title, float[][] points, List<String> pointLabels, float[][] anchors,
                             List<String> anchorLabels, Path png) throws IOException {
        if (points.length == 0) throw new IllegalArgumentException("no points");
        int d = points[0].length;
        int n = points.length + anchors.length;
        double[][] all = new double[n][d];
        for (int i = 0; i < points.length; i++) for (int j = 0; j < d; j++) all[i][j] = points[i][j];
        for (int i = 0; i < anchors.length; i++) for (int j = 0; j < d; j++) all[points.length + i][j] = anchors[i][j];
        double[][] xy = Pca.project2(all);

        Map<String, XYSeries> byLabel = new TreeMap<>();
        for (int i = 0; i < points.length; i++) {
            byLabel.computeIfAbsent(pointLabels.get(i), k -> new XYSeries(k, false, true)).add(xy[i][0], xy[i][1]);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        byLabel.values().forEach(data::addSeries);
        XYSeries anchorSeries = new XYSeries("label embeddings", false, true);
        for (int i = 0; i < anchors.length; i++) anchorSeries.add(xy[points.length + i][0], xy[points.length + i][1]);
        if (anchors.length > 0) data.addSeries(anchorSeries);

        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        Shape dot = new Ellipse2D.Double(-2.5, -2.5, 5, 5);
        for (int s = 0; s < byLabel.size(); s++) {
            r.setSeriesShape(s, dot);
            r.setSeriesPaint(s, Color.getHSBColor(s / (float) Math.max(1, byLabel.size()), 0.85f, 0.85f));
        }
        if (anchors.length > 0) {
            int a = byLabel.size();
            r.setSeriesShape(a, new Rectangle2D.Double(-6, -6, 12, 12));
            r.setSeriesPaint(a, Color.BLACK);
            r.setSeriesShapesFilled(a, false);
            r.setSeriesOutlineStroke(a, new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(data, new NumberAxis("PC 1"), new NumberAxis("PC 2"), r);
        plot.setBackgroundPaint(Color.WHITE);
        for (int i = 0; i < anchors.length; i++) {
            XYTextAnnotation t = new XYTextAnnotation(anchorLabels.get(i), xy[points.length + i][0], xy[points.length + i][1]);
            t.setPaint(Color.DARK_GRAY);
            plot.addAnnotation(t);
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        Png.write(chart, png, 1000, 800);
    }
}
