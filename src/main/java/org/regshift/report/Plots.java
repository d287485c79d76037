package org.regshift.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.knowm.xchart.internal.chartpart.Chart;

/** Plots written as PNG and SVG side by side (name.png, name.svg). */
public final class Plots {
    /** Scatter plots thin out to at most this many points, evenly, so files stay small. */
    static final int MAX_POINTS = 20_000;
    private static final int WIDTH = 720;
    private static final int HEIGHT = 540;

    private Plots() {
    }

    /** A scatter plot of the pairs where both values are finite. */
    public static void scatter(Path dir, String name, String title, String xLabel, String yLabel, double[] x, double[] y) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        int finite = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                finite++;
            }
        }
        int stride = Math.max(1, (finite + MAX_POINTS - 1) / MAX_POINTS);
        int seen = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && seen++ % stride == 0) {
                xs.add(x[i]);
                ys.add(y[i]);
            }
        }
        XYChart chart = chart(title, xLabel, yLabel);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(3);
        if (xs.isEmpty()) {
            xs.add(0.0);
            ys.add(0.0);
        }
        chart.addSeries(title, xs, ys).setMarkerColor(new Color(31, 119, 180, 110));
        save(chart, dir, name);
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

    /** A line chart with its own x values per series. */
    public static XYChart curves(String title, String xLabel, String yLabel, Map<String, double[][]> series) {
        XYChart chart = chart(title, xLabel, yLabel);
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

    /** The chart as a PNG data URI, to embed in a self-contained HTML page. */
    public static String dataUri(Chart<?, ?> chart) {
        try {
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(
                    BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static XYChart chart(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        return chart;
    }

    /** Writes name.png and name.svg. */
    public static void save(Chart<?, ?> chart, Path dir, String name) {
        String base = dir.resolve(name).toString();
        try {
            BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
            VectorGraphicsEncoder.saveVectorGraphic(chart, base, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
