using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace LeakBench.Reports.Charts;

/// <summary>
/// What every chart shares: the width limit, the font, colour-blind-safe colours, invariant tick labels, the log
/// axis (log10 values with ScottPlot's log tick generator) and saving a plot or a multiplot as PNG and SVG.
/// </summary>
public static class ChartCanvas
{
    /// <summary>No chart is wider than this, in pixels: it must read at its size on a page.</summary>
    public const int MaxWidth = 1200;

    /// <summary>
    /// No chart is taller than this, in pixels (issue 20: a reader takes in a figure at a glance, not by scrolling
    /// through 3,000 px); a taller figure is split into one file per class or group of classes.
    /// </summary>
    public const int MaxHeight = 2000;

    /// <summary>The case drawn against its baseline: Okabe–Ito vermillion, distinct for every colour vision.</summary>
    public static readonly Color Case = Color.FromHex("#D55E00");

    /// <summary>Baselines and reference lines.</summary>
    public static readonly Color Baseline = Color.FromHex("#8C8C8C");

    /// <summary>Series of a bar chart, in order: Okabe–Ito blue, orange, bluish green, reddish purple.</summary>
    public static readonly IReadOnlyList<Color> Series =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#E69F00"), Color.FromHex("#009E73"), Color.FromHex("#CC79A7"),
    ];

    // A sans-serif face the machine has (fonts-dejavu-core on Debian); else ScottPlot's own pick.
    private static readonly Lazy<string> SansFont = new(() =>
    {
        var installed = SKFontManager.Default.FontFamilies.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial" }.FirstOrDefault(installed.Contains) ?? Fonts.Default;
    });

    public static string Font => SansFont.Value;

    public static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set(Font);
        return plot;
    }

    /// <summary>Tick labels in the invariant culture, like the rest of the report.</summary>
    public static NumericAutomatic InvariantTicks() => new()
    {
        LabelFormatter = v => v.ToString("0.###", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Ticks for an axis that carries log10 values: a labelled tick per decade, minor ticks at 2..9 times it, labels
    /// in the original unit (<paramref name="suffix"/> appended, e.g. "×").
    /// </summary>
    public static NumericAutomatic LogTicks(string suffix = "") => new()
    {
        IntegerTicksOnly = true,
        MinorTickGenerator = new LogMinorTickGenerator(),
        LabelFormatter = v => Decade(v) + suffix,
    };

    /// <summary>The value of a log10 tick as a reader writes it: "0.01", "0.1", "1", "10", "1000".</summary>
    public static string Decade(double log10) => Math.Pow(10, Math.Round(log10)).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Adds a text at data coordinates, in the charts' font.</summary>
    public static ScottPlot.Plottables.Text AddText(Plot plot, string text, double x, double y, float size, Alignment alignment, bool bold = false, Color? color = null)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var label = plot.Add.Text(text, x, y);
        label.LabelFontName = Font;
        label.LabelFontSize = size;
        label.LabelBold = bold;
        label.LabelFontColor = color ?? Colors.Black;
        label.Alignment = alignment;
        return label;
    }

    /// <summary>Measures <paramref name="text"/> in the charts' font, in pixels.</summary>
    public static PixelSize Measure(string text, float fontSize, bool bold = false)
    {
        var style = new LabelStyle { FontName = Font, FontSize = fontSize, Bold = bold };
        using var paint = Paint.NewDisposablePaint();
        return style.Measure(text, paint).Size;
    }

    /// <summary>Saves a plot as PNG and SVG at the given size.</summary>
    public static void Save(Plot plot, string pngPath, string svgPath, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ThrowIfTooLarge(width, height);
        plot.SavePng(pngPath, width, height);
        plot.SaveSvg(svgPath, width, height);
    }

    /// <summary>Saves a multiplot as PNG and SVG (ScottPlot saves only PNG itself; the SVG goes through Skia's SVG canvas).</summary>
    public static void Save(Multiplot multiplot, string pngPath, string svgPath, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(multiplot);
        ThrowIfTooLarge(width, height);
        multiplot.SavePng(pngPath, width, height);
        using var stream = File.Create(svgPath);
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
        {
            multiplot.Render(canvas, new PixelRect(0, width, height, 0));
        }
    }

    private static void ThrowIfTooLarge(int width, int height)
    {
        if (width > MaxWidth)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, $"a chart is at most {MaxWidth} px wide");
        }

        if (height > MaxHeight)
        {
            throw new ArgumentOutOfRangeException(nameof(height), height, $"a chart is at most {MaxHeight} px tall: split it into one file per class");
        }
    }
}
