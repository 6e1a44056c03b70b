using System.Globalization;
using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;

namespace LeakBench.Reports;

/// <summary>
/// The report's charts, drawn with ScottPlot (headless, through its bundled SkiaSharp). Each chart is built
/// as a <see cref="Plot"/> that tests can inspect, and saved as PNG and SVG under <see cref="Folder"/>.
/// Every case is one series: one line on a trajectory chart, one bar group on the latency and allocation charts.
/// </summary>
public static class StudyCharts
{
    /// <summary>The charts' folder, relative to the report.</summary>
    public const string Folder = "charts";

    private const int Width = 1100;

    private static readonly Color[] PercentileColors =
    [
        Color.FromHex("#9ecae1"), // P50
        Color.FromHex("#3182bd"), // P95
        Color.FromHex("#08306b"), // P99
    ];

    private static readonly string[] Percentiles = ["P50", "P95", "P99"];

    // A sans-serif face the machine has (fonts-dejavu-core on Debian); else ScottPlot's own pick.
    private static readonly Lazy<string> SansFont = new(() =>
    {
        var installed = SkiaSharp.SKFontManager.Default.FontFamilies.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial" }.FirstOrDefault(installed.Contains) ?? Fonts.Default;
    });

    /// <summary>The charts a report of <paramref name="rows"/> has, with their paths relative to the report: a pure function of the rows.</summary>
    public static IReadOnlyList<ChartFile> Plan(IReadOnlyList<StudyRow> rows) => PlanCharts(rows).Select(c => c.File).ToList();

    /// <summary>Draws every chart of <see cref="Plan"/> into <paramref name="reportFolder"/>/charts.</summary>
    public static void Render(string reportFolder, IReadOnlyList<StudyRow> rows)
    {
        Directory.CreateDirectory(Path.Combine(reportFolder, Folder));
        foreach (var chart in PlanCharts(rows))
        {
            using var plot = chart.Draw();
            plot.SavePng(Path.Combine(reportFolder, chart.File.Png), Width, chart.Height);
            plot.SaveSvg(Path.Combine(reportFolder, chart.File.Svg), Width, chart.Height);
        }
    }

    private sealed record PlannedChart(ChartFile File, int Height, Func<Plot> Draw);

    private static IEnumerable<PlannedChart> PlanCharts(IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var body in BodySizes(rows))
        {
            yield return Planned($"trajectory-{FileSafe(ReportFormat.Size(body))}", $"Leak trajectory, {ReportFormat.Size(body)} bodies",
                TrajectoryHeight, () => Trajectory(rows, body));
        }

        yield return Planned("latency", "Latency per request (P50, P95, P99)", BarHeight(rows.Count, 4), () => Latency(rows));

        var allocating = rows.Count(r => r.AllocatedBytesPerRequest is not null);
        if (allocating > 0)
        {
            yield return Planned("allocations", "Allocated bytes per request", BarHeight(allocating, 1), () => Allocations(rows));
        }
    }

    private static PlannedChart Planned(string name, string title, int height, Func<Plot> draw) =>
        new(new ChartFile(title, $"{Folder}/{name}.png", $"{Folder}/{name}.svg"), height, draw);

    /// <summary>Body sizes with a trajectory chart each, smallest first.</summary>
    public static IReadOnlyList<long> BodySizes(IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Select(r => r.Case.BodyBytes).Distinct().Order().ToList();
    }

    /// <summary>Open client sockets against requests sent, one line per case of this body size.</summary>
    public static Plot Trajectory(IReadOnlyList<StudyRow> rows, long bodyBytes)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var plot = NewPlot();
        plot.Title($"Open client sockets while sending requests, {ReportFormat.Size(bodyBytes)} bodies");
        plot.XLabel("requests sent");
        plot.YLabel("open client sockets (OS table)");
        var palette = new ScottPlot.Palettes.Category10();
        var index = 0;
        foreach (var row in rows.Where(r => r.Case.BodyBytes == bodyBytes))
        {
            var step = row.Census.TrajectoryStep;
            var xs = row.Census.Trajectory.Select((_, i) => (double)(i + 1) * step).ToArray();
            var ys = row.Census.Trajectory.Select(v => (double)v).ToArray();
            var line = plot.Add.ScatterLine(xs, ys, palette.GetColor(index++));
            line.LineWidth = row.IsBaseline ? 3 : 2;
            // Markers, not dashes: Skia's SVG canvas cannot draw dash patterns (it warns and draws them solid).
            line.MarkerSize = row.Case.Disposed ? 0 : 6;
            line.LegendText = Legend(row, rows);
        }

        plot.Axes.Bottom.TickGenerator = InvariantTicks();
        plot.Axes.Left.TickGenerator = InvariantTicks();

        // From zero, with room below it, so that a flat line of one reused connection does not hide in the axis.
        var of = rows.Where(r => r.Case.BodyBytes == bodyBytes).ToList();
        var top = Math.Max(1, of.SelectMany(r => r.Census.Trajectory).DefaultIfEmpty(0).Max());
        var right = Math.Max(1, of.Select(r => r.Census.Trajectory.Count * r.Census.TrajectoryStep).DefaultIfEmpty(0).Max());
        plot.Axes.SetLimits(0, right * 1.02, -0.04 * top, top * 1.08);
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>P50, P95 and P99 per case, one bar group per case; baselines marked by a line at their P95.</summary>
    public static Plot Latency(IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var plot = NewPlot();
        var max = rows.Count == 0 ? 0 : rows.Max(r => r.P99Ns);
        var (scale, unit) = max switch
        {
            >= 1e9 => (1e9, "s"),
            >= 1e6 => (1e6, "ms"),
            >= 1e3 => (1e3, "µs"),
            _ => (1.0, "ns"),
        };
        plot.Title("Latency per request: P50, P95, P99 (red line: baseline P95)");
        plot.XLabel($"latency per request ({unit})");
        var ticks = new NumericManual();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var top = -4.0 * i; // first case on top
            var values = new[] { row.MedianNs, row.P95Ns, row.P99Ns };
            var bars = values.Select((v, p) => new Bar
            {
                Position = top - p,
                Value = v / scale,
                FillColor = PercentileColors[p],
                LineColor = Colors.Black,
                LineWidth = row.IsBaseline ? 2 : 0,
                Orientation = Orientation.Horizontal,
            }).ToList();
            var series = plot.Add.Bars(bars);
            series.Horizontal = true;
            series.LegendText = "";
            ticks.AddMajor(top - 1, Legend(row, rows));
            if (row.IsBaseline)
            {
                var line = plot.Add.VerticalLine(row.P95Ns / scale, 2, Colors.Red, LinePattern.Solid);
                line.LegendText = "";
            }
        }

        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickGenerator = InvariantTicks();
        plot.Axes.Margins(left: 0);
        plot.Legend.ManualItems.AddRange(Percentiles.Select((name, p) => new LegendItem { LabelText = name, FillColor = PercentileColors[p] }));
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>Allocated bytes per request, one bar per case that measured it; baselines marked by a line.</summary>
    public static Plot Allocations(IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var measured = rows.Where(r => r.AllocatedBytesPerRequest is not null).ToList();
        var plot = NewPlot();
        var max = measured.Count == 0 ? 0 : measured.Max(r => r.AllocatedBytesPerRequest!.Value);
        var (scale, unit) = max switch
        {
            >= 1024 * 1024 => (1024.0 * 1024, "MiB"),
            >= 1024 => (1024.0, "KiB"),
            _ => (1.0, "B"),
        };
        plot.Title("Allocated bytes per request (red line: baseline)");
        plot.XLabel($"allocated per request ({unit})");
        var ticks = new NumericManual();
        for (var i = 0; i < measured.Count; i++)
        {
            var row = measured[i];
            var bytes = row.AllocatedBytesPerRequest!.Value;
            var series = plot.Add.Bars(new List<Bar>
            {
                new()
                {
                    Position = -i,
                    Value = bytes / scale,
                    FillColor = row.IsBaseline ? Colors.Gray : PercentileColors[1],
                    LineColor = Colors.Black,
                    LineWidth = row.IsBaseline ? 2 : 0,
                    Orientation = Orientation.Horizontal,
                },
            });
            series.Horizontal = true;
            ticks.AddMajor(-i, Legend(row, rows));
            if (row.IsBaseline)
            {
                plot.Add.VerticalLine(bytes / scale, 2, Colors.Red, LinePattern.Solid);
            }
        }

        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickGenerator = InvariantTicks();
        plot.Axes.Margins(left: 0);
        return plot;
    }

    private const int TrajectoryHeight = 650;

    private static int BarHeight(int cases, int slotsPerCase) => 160 + cases * slotsPerCase * 14;

    private static string Legend(StudyRow row, IReadOnlyList<StudyRow> rows) =>
        CaseNames.Of(row, rows) + (row.IsBaseline ? " [baseline]" : "");

    private static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set(SansFont.Value);
        return plot;
    }

    // Tick labels in the invariant culture, like the rest of the report.
    private static NumericAutomatic InvariantTicks() => new()
    {
        LabelFormatter = v => v.ToString("0.###", CultureInfo.InvariantCulture),
    };

    private static string FileSafe(string text) => string.Concat(text.Where(c => char.IsAsciiLetterOrDigit(c) || c == '.')).Replace('.', '_');
}
