package io.mproc.bench.report;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The report's charts, drawn with JFreeChart from the rows (so they show exactly what {@code report.json} holds),
 * as PNGs sized for a README, the machine line under each title: pool throughput against workers, queue throughput
 * (log scale) and round-trip percentiles (log scale). A figure that is null is left out of its chart.
 */
public final class Charts
{
    static final int WIDTH = 900;
    static final String POOL = "pool-cpu.png";
    static final String QUEUE = "queue-throughput.png";
    static final String ROUND_TRIP = "round-trip.png";
    private static final Font CAPTION = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    /** mproc, the in-process baseline, ideal, Python: the same colour for the same series in every subplot. */
    private static final Color[] POOL_COLOURS = {new Color(0xC0, 0x1C, 0x28), new Color(0x1F, 0x5F, 0xBF),
        Color.GRAY, new Color(0x2E, 0x8B, 0x3E)};

    private final Map<String, Row> rows;
    private final String caption;

    /**
     * @param rows    by name.
     * @param caption the machine line.
     */
    public Charts(final Map<String, Row> rows, final String caption)
    {
        this.rows = rows;
        this.caption = caption;
        System.setProperty("java.awt.headless", "true");
    }

    /**
     * Writes every chart.
     *
     * @param dir     where.
     * @param workers the pool sizes measured.
     * @return the files written.
     * @throws IOException when one cannot be written.
     */
    public List<Path> writeAll(final Path dir, final List<Integer> workers) throws IOException
    {
        final List<Path> files = new ArrayList<>();
        files.add(save(poolChart(workers), dir.resolve(POOL), 3 * 300 + 80));
        files.add(save(queueChart(), dir.resolve(QUEUE), 560));
        files.add(save(roundTripChart(), dir.resolve(ROUND_TRIP), 560));
        return files;
    }

    private Path save(final JFreeChart chart, final Path file, final int height) throws IOException
    {
        final TextTitle subtitle = new TextTitle(caption, CAPTION);
        chart.addSubtitle(subtitle);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, height);
        return file;
    }

    private JFreeChart poolChart(final List<Integer> workers)
    {
        final NumberAxis workerAxis = new NumberAxis("workers (worker JVMs, or threads for ForkJoinPool)");
        workerAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        final CombinedDomainXYPlot plot = new CombinedDomainXYPlot(workerAxis);
        plot.setGap(12);
        LegendItemCollection legend = null;
        for (final int micros : PoolSection.TASK_MICROS)
        {
            final String size = PoolSection.sizeLabel(micros);
            final String prefix = "pool.cpu." + size + ".workers=";
            final XYSeriesCollection data = new XYSeriesCollection();
            data.addSeries(series("mproc ProcessPool", workers, w -> value(prefix + w)));
            data.addSeries(series("ForkJoinPool (threads, 1 JVM)", workers, w -> baseline(prefix + w)));
            data.addSeries(series("ideal: sequential x min(workers, cores)", workers,
                w -> baseline(prefix + w + ".vs-ideal")));
            data.addSeries(series("Python Pool", workers, w -> baseline(prefix + w + ".vs-python")));
            final NumberAxis tasks = new NumberAxis("tasks/s, " + size.replace("ms", " ms") + " tasks");
            final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
            for (int series = 0; series < POOL_COLOURS.length; series++)
            {
                renderer.setSeriesPaint(series, POOL_COLOURS[series]);
                renderer.setSeriesShape(series, DefaultDrawingSupplier.createStandardSeriesShapes()[series]);
                renderer.setSeriesStroke(series, new BasicStroke(2f));
            }
            renderer.setSeriesStroke(2, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                new float[]{6, 4}, 0));
            final XYPlot subplot = new XYPlot(data, null, tasks, renderer);
            if (null == legend)
            {
                // The combined plot would list every subplot's series; they are the same four.
                legend = subplot.getLegendItems();
            }
            subplot.setNoDataMessage("not measured in this run");
            subplot.setBackgroundPaint(Color.WHITE);
            subplot.setRangeGridlinePaint(Color.LIGHT_GRAY);
            plot.add(subplot);
        }
        plot.setFixedLegendItems(legend);
        return new JFreeChart("CPU-bound pool throughput against workers (higher is better)",
            JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    private static XYSeries series(final String name, final List<Integer> workers, final Function<Integer, Double> y)
    {
        final XYSeries series = new XYSeries(name);
        for (final int w : workers)
        {
            final Double value = y.apply(w);
            if (null != value)
            {
                series.add(w, value);
            }
        }
        return series;
    }

    private JFreeChart queueChart()
    {
        final DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (final int length : QueueSection.MESSAGE_LENGTHS)
        {
            final String series = length + "-byte messages";
            final String suffix = "." + length + "B";
            put(data, value("queue.zero-copy" + suffix), series, "mproc MessageRing (zero-copy)");
            put(data, value("queue.zero-copy-1p" + suffix), series, "mproc MessageRing, Producers.ONE");
            put(data, value("queue.shared-queue" + suffix), series, "mproc SharedQueue, poll");
            put(data, value("queue.shared-queue.drain" + suffix), series, "mproc SharedQueue, drainTo");
            put(data, baseline("queue.zero-copy-1p" + suffix), series, "raw Agrona OneToOneRingBuffer");
            put(data, baseline("queue.zero-copy" + suffix), series, "raw Agrona ManyToOneRingBuffer");
            put(data, baseline("queue.shared-queue" + suffix + ".vs-abq"), series, "ArrayBlockingQueue (threads)");
            put(data, baseline("queue.shared-queue" + suffix), series, "Python multiprocessing.Queue");
        }
        return logBarChart("Queue throughput, 1 producer JVM to 1 consumer JVM (higher is better)", data,
            "messages/s (log scale)", NumberFormat.getCompactNumberInstance(Locale.ROOT, NumberFormat.Style.SHORT));
    }

    private JFreeChart roundTripChart()
    {
        final DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (final int percentile : new int[]{50, 99})
        {
            final String p = "p" + percentile;
            put(data, value("rtt.pipe.busy-spin." + p), p, "mproc Pipe, busy-spin");
            put(data, value("rtt.pipe.spin-then-block." + p), p, "mproc Pipe, spin-then-block");
            put(data, baseline("rtt.pipe.busy-spin." + p), p, "floor: raw Agrona rings");
            put(data, value("rtt.event.busy-spin." + p), p, "mproc Event, busy-spin");
            put(data, value("rtt.event.spin-then-block." + p), p, "mproc Event, spin-then-block");
            put(data, baseline("rtt.event.busy-spin." + p), p, "floor: two mapped longs");
            put(data, baseline("rtt.pipe." + p + ".vs-python"), p, "Python Pipe");
            put(data, baseline("rtt.event." + p + ".vs-python"), p, "Python Event");
        }
        return logBarChart("Round trip between two processes (lower is better)", data,
            "round trip, microseconds (log scale)", new DecimalFormat("#,##0.###"));
    }

    private static void put(final DefaultCategoryDataset data, final Double value, final String series,
        final String category)
    {
        // A missing figure still gets its (empty) slot, so that every chart lists the same categories.
        data.addValue(value, series, category);
    }

    private static JFreeChart logBarChart(final String title, final DefaultCategoryDataset data, final String unit,
        final NumberFormat ticks)
    {
        final LogAxis axis = new LogAxis(unit);
        axis.setBase(10);
        axis.setNumberFormatOverride(ticks);
        // One tick per decade (the unit is in log space).
        axis.setAutoTickUnitSelection(false);
        axis.setTickUnit(new NumberTickUnit(1));
        final BarRenderer renderer = new BarRenderer();
        renderer.setIncludeBaseInRange(false);
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        fitDecades(axis, data);
        final CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(), axis, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setNoDataMessage("not measured in this run");
        final JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        // Room for the last tick label at the right edge.
        chart.setPadding(new RectangleInsets(4, 4, 4, 24));
        return chart;
    }

    /**
     * From the decade below the smallest figure to the decade above the largest, so that the smallest bar (often
     * Python's, orders of magnitude below) is still visible.
     */
    private static void fitDecades(final LogAxis axis, final DefaultCategoryDataset data)
    {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int row = 0; row < data.getRowCount(); row++)
        {
            for (int column = 0; column < data.getColumnCount(); column++)
            {
                final Number value = data.getValue(row, column);
                if (null != value && value.doubleValue() > 0)
                {
                    min = Math.min(min, value.doubleValue());
                    max = Math.max(max, value.doubleValue());
                }
            }
        }
        if (max > 0)
        {
            axis.setRange(Math.pow(10, Math.floor(Math.log10(min)) - 0.3), Math.pow(10, Math.ceil(Math.log10(max))));
        }
    }

    private Double value(final String name)
    {
        final Row row = rows.get(name);
        return null == row ? null : row.value();
    }

    private Double baseline(final String name)
    {
        final Row row = rows.get(name);
        return null == row ? null : row.baselineValue();
    }
}
