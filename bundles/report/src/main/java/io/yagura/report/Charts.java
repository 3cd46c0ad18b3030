package io.yagura.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PiePlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.general.DefaultPieDataset;

/**
 * The report's charts, drawn by JFreeChart into images (at twice the printed size, so they stay
 * sharp) with the report's font, so Japanese labels draw. The figures are also printed as tables,
 * which is where the text can be extracted from.
 */
final class Charts {

    private static final int SCALE = 2;
    private final StandardChartTheme theme;

    Charts(Font font) {
        theme = new StandardChartTheme("yagura");
        theme.setExtraLargeFont(font.deriveFont(Font.PLAIN, 14f));
        theme.setLargeFont(font.deriveFont(Font.PLAIN, 12f));
        theme.setRegularFont(font.deriveFont(Font.PLAIN, 10f));
        theme.setSmallFont(font.deriveFont(Font.PLAIN, 9f));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setRangeGridlinePaint(Color.LIGHT_GRAY);
        theme.setBarPainter(new StandardBarPainter());
        theme.setShadowVisible(false);
    }

    /** Vertical bars, one per key, in the map's order; {@code colors} by key (others default). */
    BufferedImage bars(String title, String axis, Map<String, Integer> values, Map<String, Color> colors,
                       int width, int height) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        values.forEach((k, v) -> data.addValue(v, axis, k));
        JFreeChart chart = ChartFactory.createBarChart(title, null, axis, data, PlotOrientation.VERTICAL, false,
                false, false);
        theme.apply(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        ((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        // short labels (levels, days 1..31) may be wider than their bar: drawn whole rather than "..."
        plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(3f);
        plot.getDomainAxis().setCategoryMargin(0.15);
        if (values.size() > 12) {
            plot.getDomainAxis().setCategoryLabelPositions(
                    org.jfree.chart.axis.CategoryLabelPositions.UP_90); // 28..31 days side by side do not fit flat
        }
        BarRenderer renderer = new BarRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public java.awt.Paint getItemPaint(int row, int column) {
                Color c = colors.get((String) data.getColumnKey(column));
                return c != null ? c : new Color(0x3B, 0x6E, 0xA5);
            }
        };
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        plot.setRenderer(renderer);
        return draw(chart, width, height);
    }

    BufferedImage pie(String title, Map<String, Integer> values, int width, int height) {
        DefaultPieDataset<String> data = new DefaultPieDataset<>();
        values.forEach(data::setValue);
        JFreeChart chart = ChartFactory.createPieChart(title, data, true, false, false);
        theme.apply(chart);
        PiePlot<?> plot = (PiePlot<?>) chart.getPlot();
        plot.setOutlineVisible(false);
        plot.setShadowPaint(null);
        return draw(chart, width, height);
    }

    private static BufferedImage draw(JFreeChart chart, int width, int height) {
        BufferedImage image = new BufferedImage(width * SCALE, height * SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(SCALE, SCALE);
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        return image;
    }
}
