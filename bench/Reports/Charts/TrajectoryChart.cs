using ScottPlot;

namespace LeakBench.Reports.Charts;

/// <summary>
/// Trajectories as small multiples: one panel per case that opens more than
/// <see cref="VerdictRules.ReuseMaxConnectionsPer1k"/> connections per 1,000 requests, its open client sockets
/// against requests sent, its group's baseline in grey behind it, the same axes in every panel, and the GCs of the
/// census as ticks under the request axis. Cases that reuse their connection are not drawn (<see cref="Reused"/>).
/// </summary>
public sealed class TrajectoryChart : IDisposable
{
    private const int MaxColumns = 4;
    private const int PanelWidth = 296;
    private const int PanelHeight = 220;

    private static readonly Color Gen0Color = Color.FromHex("#B0B0B0");
    private static readonly Color Gen2Color = Color.FromHex("#000000");

    private TrajectoryChart(Multiplot multiplot, IReadOnlyList<StudyRow> drawn, int width, int height)
    {
        Multiplot = multiplot;
        Drawn = drawn;
        Width = width;
        Height = height;
    }

    public Multiplot Multiplot { get; }

    /// <summary>The cases with a panel each, in panel order.</summary>
    public IReadOnlyList<StudyRow> Drawn { get; }

    public int Width { get; }

    public int Height { get; }

    public void Dispose()
    {
        foreach (var plot in Multiplot.Subplots.GetPlots())
        {
            plot.Dispose();
        }
    }

    /// <summary>Whether a case gets a panel: it opens more connections than reuse does.</summary>
    public static bool Draws(StudyRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Census.ConnectionsPer1k > VerdictRules.ReuseMaxConnectionsPer1k;
    }

    /// <summary>The sentence under the figure for the cases it leaves out; null when it leaves none out.</summary>
    public static string? Reused(IEnumerable<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var reused = rows.Where(r => !Draws(r)).ToList();
        if (reused.Count == 0)
        {
            return null;
        }

        var peak = reused.Max(r => r.Census.PeakOpen);
        return $"Not drawn: the {ReportFormat.Count(reused.Count)} {(reused.Count == 1 ? "case" : "cases")} that opened at most " +
               $"{ReportFormat.Per1k(VerdictRules.ReuseMaxConnectionsPer1k)} connections per 1,000 requests, which kept at most " +
               $"{ReportFormat.Count(peak)} client {(peak == 1 ? "socket" : "sockets")} open at once.";
    }

    /// <summary>The height the panels of <paramref name="drawn"/> take, without drawing them: lets a caller split a figure before it is too tall.</summary>
    public static int HeightOf(IEnumerable<StudyRow> drawn)
    {
        ArgumentNullException.ThrowIfNull(drawn);
        var count = drawn.Count(Draws);
        var columns = Math.Max(1, Math.Min(MaxColumns, count));
        return (count + columns - 1) / columns * PanelHeight;
    }

    /// <summary>Null when no case opens more than reuse does: then there is nothing to draw.</summary>
    /// <param name="rows">Every row of the run: baselines and panel titles are found among them.</param>
    /// <param name="subset">The rows to give a panel (a class, for one file of a split figure); null for all.</param>
    public static TrajectoryChart? Draw(IReadOnlyList<StudyRow> rows, IReadOnlyCollection<StudyRow>? subset = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var drawn = rows.Where(r => Draws(r) && (subset is null || subset.Contains(r))).ToList();
        if (drawn.Count == 0)
        {
            return null;
        }

        var baselines = drawn.Select(r => ChartGroups.BaselineOf(r, rows)).ToList();
        var shown = drawn.Concat(baselines.OfType<StudyRow>()).ToList();
        var top = Math.Max(1, shown.SelectMany(r => r.Census.Trajectory).DefaultIfEmpty(0).Max());
        var right = Math.Max(1, shown.Max(r => r.Census.Succeeded));

        var columns = Math.Min(MaxColumns, drawn.Count);
        var lines = (drawn.Count + columns - 1) / columns;
        var plots = new List<Plot>();
        for (var i = 0; i < drawn.Count; i++)
        {
            var plot = ChartCanvas.NewPlot();
            var row = drawn[i];
            if (baselines[i] is { } baseline)
            {
                AddLine(plot, baseline, ChartCanvas.Baseline, 1.5f);
            }

            // No legend: it would cover a panel's data at this size; the caption names the colours.
            AddLine(plot, row, ChartCanvas.Case, 2);
            AddGcs(plot, row, top);
            plot.Title(Title(row, rows), size: 11);
            plot.Axes.Bottom.TickGenerator = ChartCanvas.InvariantTicks();
            plot.Axes.Left.TickGenerator = ChartCanvas.InvariantTicks();
            plot.Axes.Bottom.TickLabelStyle.FontSize = 10;
            plot.Axes.Left.TickLabelStyle.FontSize = 10;
            if (i % columns == 0)
            {
                plot.YLabel("open sockets", size: 11);
            }

            if (i >= drawn.Count - columns)
            {
                plot.XLabel("requests sent", size: 11);
            }

            // The same axes everywhere, from zero with room below it for the GC ticks.
            plot.Axes.SetLimits(0, right * 1.02, -0.1 * top, top * 1.08);
            // Fixed padding lines the panels up whatever their tick labels measure.
            plot.Layout.Fixed(new PixelPadding(48, 8, 36, 44));
            plots.Add(plot);
        }

        // A new Multiplot holds one empty plot; constructed with the first panel, it holds that one instead.
        var multiplot = new Multiplot(plots[0]);
        foreach (var plot in plots.Skip(1))
        {
            multiplot.AddPlot(plot);
        }

        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(lines, columns);
        return new TrajectoryChart(multiplot, drawn, columns * PanelWidth, lines * PanelHeight);
    }

    /// <summary>The panel's title: the case's reader label, with its benchmark class and runtime when needed to tell panels apart.</summary>
    public static string Title(StudyRow row, IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(rows);
        var first = $"{ChartGroups.WhatTheCodeDoes(row, rows)} · {ChartGroups.Body(row)}";
        var second = new List<string> { ChartGroups.Completion(row.Case.Completion) };
        second.AddRange(ChartGroups.FurtherDimensions(row));
        if (rows.Select(r => r.Benchmark).Distinct(StringComparer.Ordinal).Skip(1).Any())
        {
            second.Insert(0, ChartGroups.ShortBenchmark(row.Benchmark));
        }

        if (ChartGroups.SeveralRuntimes(rows))
        {
            second.Add(row.Runtime.Name);
        }

        return first + "\n" + string.Join(" · ", second);
    }

    /// <summary>Sample i was taken after min((i + 1) · step, succeeded) requests: the last one may close a partial step.</summary>
    public static (double[] Xs, double[] Ys) Points(StudyRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var c = row.Census;
        var xs = c.Trajectory.Select((_, i) => (double)Math.Min((i + 1) * c.TrajectoryStep, Math.Max(c.Succeeded, 1))).ToArray();
        return (xs, c.Trajectory.Select(v => (double)v).ToArray());
    }

    private static ScottPlot.Plottables.Scatter AddLine(Plot plot, StudyRow row, Color color, float width)
    {
        var (xs, ys) = Points(row);
        var line = plot.Add.ScatterLine(xs, ys, color);
        line.LineWidth = width;
        line.MarkerSize = xs.Length == 1 ? 5 : 0; // a single sample is a point, not an invisible line
        return line;
    }

    private static void AddGcs(Plot plot, StudyRow row, int top)
    {
        foreach (var (generation, color, size) in new[] { (0, Gen0Color, 6f), (1, Gen0Color, 6f), (2, Gen2Color, 9f) })
        {
            var xs = row.Census.GcEvents.Where(e => e.Generation == generation).Select(e => (double)e.Request).ToArray();
            if (xs.Length > 0)
            {
                plot.Add.Markers(xs, xs.Select(_ => -0.05 * top).ToArray(), MarkerShape.VerticalBar, size, color);
            }
        }
    }
}
