using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;

namespace LeakBench.Reports.Charts;

/// <summary>
/// Memory held per leaked connection, by case: the kernel's queues on the client's end and on the target's end (per
/// client socket open at the end of the requests) and the managed bytes the forced GC kept for finalization (per
/// connection it closed), as horizontal bars in KiB with their values written beside them, each case labelled with
/// its open sockets. A linear axis: a 2 MiB body's queue and a connection's 10 KiB of objects on one scale show which
/// dominates; the written values carry the small ones.
/// </summary>
public sealed class HoldingsChart : IDisposable
{
    public const int Width = 1000;

    /// <summary>At most 2,000 px high: about 45 cases; the chart names how many it leaves out.</summary>
    public const int MaxHeight = 2000;

    private const int SeriesPixels = 11;
    private const int SlotGapPixels = 8;
    private const int FramePixels = 120;
    private const int SlotPixels = 3 * SeriesPixels + SlotGapPixels;

    /// <summary>The three kinds of holding, in drawing order.</summary>
    public static readonly IReadOnlyList<string> Series = ["kernel, client end", "kernel, target end", "managed, kept past the GC"];

    private HoldingsChart(Plot plot, int height, IReadOnlyList<StudyRow> drawn)
    {
        Plot = plot;
        Height = height;
        Drawn = drawn;
    }

    public Plot Plot { get; }

    public int Height { get; }

    /// <summary>The cases drawn, top to bottom.</summary>
    public IReadOnlyList<StudyRow> Drawn { get; }

    /// <summary>The most cases that fit in <see cref="MaxHeight"/>.</summary>
    public static int MaxCases => (MaxHeight - FramePixels) / SlotPixels;

    public void Dispose() => Plot.Dispose();

    /// <summary>The rows the chart draws: leaking cases (see <see cref="LeakHoldingsSection.Applies"/>) with at least one holding measured.</summary>
    public static IReadOnlyList<StudyRow> Rows(IReadOnlyList<StudyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return [.. rows.Where(r => LeakHoldingsSection.Applies(r) && Values(r).Any(v => v is not null))];
    }

    /// <summary>The three values of a row in bytes per connection (<see cref="Series"/>' order); null where not measured.</summary>
    public static IReadOnlyList<double?> Values(StudyRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var c = row.Census;
        double? PerOpen(long? bytes) => bytes is long b && c.QueuedOpenSockets is > 0 ? b / (double)c.QueuedOpenSockets.Value : null;
        return [PerOpen(c.ClientQueuedBytes), PerOpen(c.ServerQueuedBytes), c.PromotedBytesPerLeaked];
    }

    /// <exception cref="ArgumentException">No row with a holding measured.</exception>
    public static HoldingsChart Draw(IReadOnlyList<StudyRow> rows)
    {
        var drawn = Rows(rows).Take(MaxCases).ToList();
        if (drawn.Count == 0)
        {
            throw new ArgumentException("no leaking case with a holding measured", nameof(rows));
        }

        var plot = ChartCanvas.NewPlot();
        plot.Title("Memory held per leaked connection", size: 14);
        plot.XLabel("KiB per connection (kernel: per client socket open at the end of the requests; managed: per connection the GC closed)", size: 12);
        var ticks = new NumericManual();
        var max = drawn.SelectMany(Values).Max(v => v ?? 0) / 1024;
        double y = 0;
        foreach (var row in drawn)
        {
            var center = y - SlotPixels / 2.0;
            var open = row.Census.QueuedOpenSockets ?? row.Census.OpenBeforeGc;
            ticks.AddMajor(center, $"{CaseNames.Of(row, drawn)} · {(open is int n ? ReportFormat.Count(n) : "n/a")} open");
            var values = Values(row);
            for (var s = 0; s < Series.Count; s++)
            {
                var position = center + (Series.Count / 2.0 - s - 0.5) * SeriesPixels;
                var kib = (values[s] ?? 0) / 1024;
                var bars = plot.Add.Bars(new List<Bar>
                {
                    new() { Position = position, ValueBase = 0, Value = kib, Size = SeriesPixels * 0.85, FillColor = ChartCanvas.Series[s], LineWidth = 0, Orientation = Orientation.Horizontal },
                });
                bars.Horizontal = true;
                bars.LegendText = "";
                var label = ChartCanvas.AddText(plot, values[s] is double v ? ReportFormat.Bytes(v) : "n/a", kib, position, 9, Alignment.MiddleLeft);
                label.OffsetX = 3;
            }

            y -= SlotPixels;
        }

        // Room right of the longest bar for its value.
        plot.Axes.SetLimits(0, Math.Max(1, max) * 1.2, y - 4, 0);
        plot.Axes.Bottom.TickGenerator = ChartCanvas.InvariantTicks();
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Left.TickLabelStyle.FontSize = 11;
        plot.Legend.ManualItems.AddRange(Series.Select((name, s) => new LegendItem { LabelText = name, FillColor = ChartCanvas.Series[s] }));
        plot.Legend.FontSize = 11;
        plot.Legend.Alignment = Alignment.LowerRight;
        plot.ShowLegend();
        return new HoldingsChart(plot, (int)-y + FramePixels, drawn);
    }
}
