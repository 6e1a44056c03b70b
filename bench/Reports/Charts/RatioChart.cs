using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;

namespace LeakBench.Reports.Charts;

/// <summary>
/// Ratios as horizontal bars on a log axis: each bar grows from the 1× line, right for more, left for less, so that
/// 2× and 0.5× look equally far from "the same". ScottPlot 5 has no log axis type: the bars, the whiskers and the
/// 1× reference line are drawn at log10 of their values, and the axis labels them with its log tick generator.
/// Bars come in groups (headed by <see cref="RatioBar.Group"/>), one slot per label, one bar per series in a slot.
/// </summary>
public sealed class RatioChart : IDisposable
{
    public const int Width = 1000;

    private const int SeriesPixels = 11;
    private const int SlotGapPixels = 8;
    private const int HeaderPixels = 22;
    private const int FramePixels = 120;

    // The share of the axis range added on each side for the value labels beyond the whiskers.
    private const double LabelRoom = 0.3;

    private RatioChart(Plot plot, int height, IReadOnlyList<RatioBar> bars, IReadOnlyList<Bar> drawn, IReadOnlyList<RatioBar> words)
    {
        Plot = plot;
        Height = height;
        Bars = bars;
        Drawn = drawn;
        Words = words;
    }

    public Plot Plot { get; }

    public int Height { get; }

    /// <summary>The ratios in drawing order.</summary>
    public IReadOnlyList<RatioBar> Bars { get; }

    /// <summary>The bars as drawn, one per ratio in <see cref="Bars"/>' order: their values are log10 of the ratios.</summary>
    public IReadOnlyList<Bar> Drawn { get; }

    /// <summary>The slots drawn as words instead of a bar (<see cref="RatioBar.Instead"/>), in drawing order.</summary>
    public IReadOnlyList<RatioBar> Words { get; }

    /// <summary>The height a chart of these slots is drawn at, without drawing it: lets a caller split a figure before it is too tall.</summary>
    public static int HeightOf(IReadOnlyList<RatioBar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var seriesCount = bars.Select(b => b.Series).Distinct(StringComparer.Ordinal).Count();
        var slotPixels = Math.Max(1, seriesCount) * SeriesPixels + SlotGapPixels;
        var groups = bars.GroupBy(b => b.Group, StringComparer.Ordinal).ToList();
        var slots = groups.Sum(g => g.Select(b => b.Label).Distinct(StringComparer.Ordinal).Count());
        return groups.Count * HeaderPixels + slots * slotPixels + FramePixels;
    }

    public void Dispose() => Plot.Dispose();

    /// <param name="title">The chart's title.</param>
    /// <param name="axisLabel">What the ratio divides.</param>
    /// <param name="bars">The ratios; groups and labels are drawn in the order they first appear.</param>
    /// <param name="seriesOrder">The series in colour order (e.g. runtimes by version); null for their first appearance.</param>
    /// <exception cref="ArgumentException">No bars, or a ratio or bound that is not positive.</exception>
    /// <param name="margin">The run's practical margin (a fraction), drawn as a band around 1× where the verdicts are judged against it; null for none.</param>
    public static RatioChart Draw(string title, string axisLabel, IReadOnlyList<RatioBar> bars, IReadOnlyList<string>? seriesOrder = null, double? margin = null)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (bars.Count == 0)
        {
            throw new ArgumentException("a ratio chart needs at least one ratio", nameof(bars));
        }

        if (bars.FirstOrDefault(b => b.Instead is null && !(b.Ratio > 0) || b.Lower is <= 0 || b.Upper is <= 0) is { } bad)
        {
            throw new ArgumentException($"ratios and bounds are positive: {bad}", nameof(bars));
        }

        if (bars.FirstOrDefault(b => b.Instead is not null && b.Ratio is not null) is { } both)
        {
            throw new ArgumentException($"a slot is a ratio or the reason there is none, not both: {both}", nameof(bars));
        }

        var series = (seriesOrder ?? []).Concat(bars.Select(b => b.Series)).Distinct(StringComparer.Ordinal)
            .Where(name => bars.Any(b => b.Series == name)).ToList();
        var slotPixels = series.Count * SeriesPixels + SlotGapPixels;
        var plot = ChartCanvas.NewPlot();
        plot.Title(title, size: 14);
        plot.XLabel(axisLabel, size: 12);

        // Units on the vertical axis are pixels, downward from zero, so that headers and slots keep their size.
        var ticks = new NumericManual();
        var drawnRatios = new List<RatioBar>();
        var drawnBars = new List<Bar>();
        var drawnTexts = new List<RatioBar>();
        var headers = new List<(string Text, double Y)>();
        double y = 0;
        foreach (var group in bars.GroupBy(b => b.Group, StringComparer.Ordinal))
        {
            headers.Add((group.Key, y - HeaderPixels / 2.0));
            y -= HeaderPixels;
            foreach (var slot in group.GroupBy(b => b.Label, StringComparer.Ordinal))
            {
                var slotCenter = y - slotPixels / 2.0;
                ticks.AddMajor(slotCenter, slot.Key);
                foreach (var bar in slot.OrderBy(b => series.IndexOf(b.Series)))
                {
                    if (bar.Instead is { } instead)
                    {
                        // No bar: a case without a ratio says why, in words, from the 1× line.
                        var words = ChartCanvas.AddText(plot, instead, 0, slotCenter, 10, Alignment.MiddleLeft, color: ChartCanvas.Case);
                        words.OffsetX = 6;
                        drawnTexts.Add(bar);
                        continue;
                    }

                    var s = series.IndexOf(bar.Series);
                    var position = slotCenter + (series.Count / 2.0 - s - 0.5) * SeriesPixels;
                    drawnRatios.Add(bar);
                    drawnBars.Add(AddBar(plot, bar, position, ChartCanvas.Series[s % ChartCanvas.Series.Count]));
                }

                y -= slotPixels;
            }
        }

        var logs = drawnRatios.SelectMany(b => new[] { b.Ratio!.Value, b.Lower ?? b.Ratio.Value, b.Upper ?? b.Ratio.Value }).Select(Math.Log10).DefaultIfEmpty(0).ToList();
        // At least 0.1× to 10×, so that every chart shows labelled decades on both sides of 1×; room on both sides
        // for the value labels, which stand beyond the whiskers ("slower ×2.51 [2.22–2.83]" is some 150 px).
        var left = Math.Min(-1, Math.Floor(logs.Min()));
        var right = Math.Max(1, Math.Ceiling(logs.Max()));
        plot.Axes.SetLimits(left - LabelRoom * (right - left), right + LabelRoom * (right - left), y - 4, 0);

        if (margin is { } m)
        {
            // "No practical difference" lives inside this band, "slower"/"faster" wholly beyond it (the axis is log10 of the ratio).
            var band = plot.Add.HorizontalSpan(Math.Log10(1 - m), Math.Log10(1 + m), ChartCanvas.Baseline.WithAlpha(0.15));
            band.LegendText = "";
            band.LineStyle.Width = 0;
        }

        var reference = plot.Add.VerticalLine(0, 1.5f, ChartCanvas.Baseline);
        reference.LegendText = "";
        foreach (var (text, headerY) in headers)
        {
            ChartCanvas.AddText(plot, text, left - LabelRoom * (right - left), headerY, 12, Alignment.MiddleLeft, bold: true);
        }

        plot.Axes.Bottom.TickGenerator = ChartCanvas.LogTicks("×");
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Left.TickLabelStyle.FontSize = 11;
        if (series.Count > 1)
        {
            plot.Legend.ManualItems.AddRange(series.Select((name, s) => new LegendItem { LabelText = name, FillColor = ChartCanvas.Series[s % ChartCanvas.Series.Count] }));
            plot.Legend.FontSize = 11;
            plot.Legend.Alignment = Alignment.LowerRight;
            plot.ShowLegend();
        }

        return new RatioChart(plot, (int)-y + FramePixels, drawnRatios, drawnBars, drawnTexts);
    }

    private static Bar AddBar(Plot plot, RatioBar ratio, double position, Color color)
    {
        var bar = new Bar
        {
            Position = position,
            ValueBase = 0,
            Value = Math.Log10(ratio.Ratio!.Value),
            Size = SeriesPixels * 0.85,
            FillColor = color,
            LineWidth = 0,
            Orientation = Orientation.Horizontal,
        };
        var bars = plot.Add.Bars(new List<Bar> { bar });
        bars.Horizontal = true;
        bars.LegendText = "";

        if (ratio.Lower is { } lower && ratio.Upper is { } upper)
        {
            // The bounds on the same log scale as the bar: a whisker with end caps.
            var (lo, hi) = (Math.Log10(lower), Math.Log10(upper));
            var cap = SeriesPixels * 0.35;
            foreach (var (x1, y1, x2, y2) in new[] { (lo, position, hi, position), (lo, position - cap, lo, position + cap), (hi, position - cap, hi, position + cap) })
            {
                var whisker = plot.Add.Line(x1, y1, x2, y2);
                whisker.Color = Colors.Black;
                whisker.LineWidth = 1.2f;
            }
        }

        var value = ratio.Ratio!.Value;
        var end = value >= 1 ? Math.Log10(ratio.Upper ?? value) : Math.Log10(ratio.Lower ?? value);
        var label = ChartCanvas.AddText(plot, ratio.ValueText ?? ReportFormat.Ratio(value), end, position, 9, value >= 1 ? Alignment.MiddleLeft : Alignment.MiddleRight);
        label.OffsetX = value >= 1 ? 3 : -3;
        return bar;
    }
}
