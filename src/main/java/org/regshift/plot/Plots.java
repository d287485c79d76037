package org.regshift.plot;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.Histogram;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.internal.chartpart.Chart;

/** Plots written as PNG and SVG side by side (name.png, name.svg). */
public final class Plots {
    /** Scatter plots thin out to at most this many points, evenly, so files stay small. */
    static final int MAX_POINTS = 20_000;
    private static final int WIDTH = 720;
    private static final int HEIGHT = 540;
    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(214, 39, 40), new Color(255, 127, 14),
        new Color(44, 160, 44), new Color(148, 103, 189)};

    private Plots() {
    }

    /** A scatter plot of the pairs where both values are finite. */
    public static void scatter(Path dir, String name, String title, String xLabel, String yLabel, double[] x, double[] y) {
        save(scatter(title, xLabel, yLabel, Map.of(title, new double[][] {x, y})), dir, name);
    }

    /**
     * A scatter plot with one coloured series per entry (x and y arrays), of the pairs where both
     * values are finite, thinned evenly to at most {@link #MAX_POINTS} points in all; a legend when
     * there is more than one series.
     */
    public static XYChart scatter(String title, String xLabel, String yLabel, Map<String, double[][]> series) {
        int finite = 0;
        for (double[][] xy : series.values()) {
            for (int i = 0; i < xy[0].length; i++) {
                if (Double.isFinite(xy[0][i]) && Double.isFinite(xy[1][i])) {
                    finite++;
                }
            }
        }
        int stride = Math.max(1, (finite + MAX_POINTS - 1) / MAX_POINTS);
        XYChart chart = chart(title, xLabel, yLabel);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(3);
        chart.getStyler().setLegendVisible(series.size() > 1);
        int colour = 0;
        for (Map.Entry<String, double[][]> entry : series.entrySet()) {
            double[] x = entry.getValue()[0];
            double[] y = entry.getValue()[1];
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            int seen = 0;
            for (int i = 0; i < x.length; i++) {
                if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && seen++ % stride == 0) {
                    xs.add(x[i]);
                    ys.add(y[i]);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            Color c = PALETTE[colour++ % PALETTE.length];
            chart.addSeries(entry.getKey(), xs, ys).setMarkerColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 110));
        }
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries(title, List.of(0.0), List.of(0.0));
        }
        return chart;
    }

    /** A histogram of the finite values. */
    public static void histogram(Path dir, String name, String title, String xLabel, double[] values, int bins) {
        List<Double> finite = new ArrayList<>();
        for (double v : values) {
            if (Double.isFinite(v)) {
                finite.add(v);
            }
        }
        if (finite.isEmpty()) {
            finite.add(0.0);
        }
        Histogram h = new Histogram(finite, bins);
        XYChart chart = chart(title, xLabel, "count");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        chart.addSeries(title, h.getxAxisData(), h.getyAxisData());
        save(chart, dir, name);
    }

    /** A line chart with one named series per entry, over the same x values, with a legend. */
    public static XYChart lines(String title, String xLabel, String yLabel, double[] x, Map<String, double[]> series) {
        XYChart chart = chart(title, xLabel, yLabel);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(0);
        series.forEach((name, y) -> chart.addSeries(name, x, y));
        return chart;
    }

    /**
     * A line chart with its own x values per series, of the given size in pixels; below the default
     * size (small multiples) the legend goes under the plot.
     */
    public static XYChart curves(String title, String xLabel, String yLabel, Map<String, double[][]> series, int width,
                                 int height) {
        XYChart chart = chart(title, xLabel, yLabel, width, height);
        if (width < WIDTH) {
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
            chart.getStyler().setXAxisDecimalPattern("0.0#");
        }
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(0);
        series.forEach((name, xy) -> chart.addSeries(name, xy[0], xy[1]));
        return chart;
    }

    /** A grouped bar chart: one bar per category in each named series. */
    public static CategoryChart bars(String title, String yLabel, List<String> categories, Map<String, double[]> series) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yLabel).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisLabelRotation(30);
        series.forEach((name, values) -> chart.addSeries(name, categories, Arrays.stream(values).boxed().toList()));
        return chart;
    }

    /** PNG bytes as a data URI, to embed in a self-contained HTML page. */
    public static String dataUri(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    private static XYChart chart(String title, String xLabel, String yLabel) {
        return chart(title, xLabel, yLabel, WIDTH, HEIGHT);
    }

    private static XYChart chart(String title, String xLabel, String yLabel, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        return chart;
    }

    /** Writes name.png and name.svg; returns the PNG's bytes (rendered once, for a page that embeds them too). */
    public static byte[] save(Chart<?, ?> chart, Path dir, String name) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            Files.write(dir.resolve(name + ".png"), png);
            VectorGraphicsEncoder.saveVectorGraphic(chart, dir.resolve(name).toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return png;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
