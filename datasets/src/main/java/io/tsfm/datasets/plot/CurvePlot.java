package io.tsfm.datasets.plot;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Curves over a shared x axis (e.g. epochs), one stacked panel per named quantity (loss, temperature,
 * accuracy), each panel holding one or more series. Used for training curves.
 */
public final class CurvePlot {
    private final String title;
    private final String xLabel;
    private final Map<String, Map<String, XYSeries>> panels = new LinkedHashMap<>();

    public CurvePlot(String title, String xLabel) {
        this.title = title;
        this.xLabel = xLabel;
    }

    /** Adds point (x, y) to series {@code series} of panel {@code panel}; non-finite y is skipped. */
    public CurvePlot add(String panel, String series, double x, double y) {
        if (Double.isFinite(y)) {
            panels.computeIfAbsent(panel, k -> new LinkedHashMap<>())
                    .computeIfAbsent(series, k -> new XYSeries(k, false, true)).add(x, y);
        }
        return this;
    }

    /** Writes the PNG; panels appear in the order they were first added. */
    public void write(Path png) throws IOException {
        if (panels.isEmpty()) throw new IllegalStateException("nothing to plot");
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(new NumberAxis(xLabel));
        for (Map.Entry<String, Map<String, XYSeries>> p : panels.entrySet()) {
            XYSeriesCollection data = new XYSeriesCollection();
            p.getValue().values().forEach(data::addSeries);
            NumberAxis y = new NumberAxis(p.getKey());
            y.setAutoRangeIncludesZero(false);
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, data.getItemCount(0) < 60);
            XYPlot plot = new XYPlot(data, null, y, r);
            plot.setBackgroundPaint(Color.WHITE);
            plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
            plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
            combined.add(plot, 1);
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, combined, true);
        chart.setBackgroundPaint(Color.WHITE);
        Png.write(chart, png, 900, 260 * panels.size() + 80);
    }

    /** True until a point has been added. */
    public boolean isEmpty() {
        return panels.isEmpty();
    }
}
