using ScottPlot;

namespace LeakBench.Reports.Charts;

/// <summary>
/// The headline figure: the dispose × drain matrix as a heatmap. Rows are what the code does, columns are
/// completion × body size, one panel per benchmark class, framing, protocol (whatever the case label adds) and
/// runtime, as the rows carry them. The colour is connections opened per 1,000 requests on a log scale (viridis,
/// readable without colour vision too), and each cell carries its verdict word and its number.
/// </summary>
/// <remarks>
/// Drawn in pixels: the plot is frameless and its axes span the figure, one unit a pixel, y pointing up from
/// <c>-Height</c>; <see cref="Cells"/> gives each cell's place with y pointing down.
/// </remarks>
public sealed class MatrixChart : IDisposable
{
    /// <summary>The colour scale's lowest and highest connections per 1,000 requests; values beyond are clamped.</summary>
    public const double ScaleMin = 0.1;

    public const double ScaleMax = 1000;

    private const int Margin = 14;
    private const int CellWidth = 100;
    private const int CellHeight = 44;
    private const int PanelGapX = 30;
    private const int PanelGapY = 22;
    private const int FigureTitleHeight = 30;
    private const int PanelTitleHeight = 24;
    private const int HeaderHeight = 18;
    private const float LabelFont = 12;

    private static readonly ScottPlot.Colormaps.Viridis Viridis = new();

    private MatrixChart(Plot plot, int width, int height, IReadOnlyList<MatrixCell> cells)
    {
        Plot = plot;
        Width = width;
        Height = height;
        Cells = cells;
    }

    public Plot Plot { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>One per row, in drawing order.</summary>
    public IReadOnlyList<MatrixCell> Cells { get; }

    public void Dispose() => Plot.Dispose();

    /// <summary>The fill of a cell: viridis at the value's place on the log scale.</summary>
    public static Color ColorOf(double connectionsPer1k) => Viridis.GetColor(ScaleFraction(connectionsPer1k));

    /// <summary>Where a value sits on the log colour scale, 0 at <see cref="ScaleMin"/> to 1 at <see cref="ScaleMax"/>.</summary>
    public static double ScaleFraction(double connectionsPer1k)
    {
        var clamped = Math.Clamp(connectionsPer1k, ScaleMin, ScaleMax);
        return (Math.Log10(clamped) - Math.Log10(ScaleMin)) / (Math.Log10(ScaleMax) - Math.Log10(ScaleMin));
    }

    /// <summary>The height the matrix of <paramref name="subset"/> is drawn at, without drawing it: lets a caller split a figure before it is too tall.</summary>
    public static int HeightOf(IReadOnlyList<StudyRow> rows, IReadOnlyCollection<StudyRow>? subset = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Layout(Panels(rows, subset)).Height;
    }

    /// <param name="rows">Every row of the run: row labels and panel titles are found among them.</param>
    /// <param name="subset">The rows to give a cell (a class, for one file of a split figure); null for all.</param>
    public static MatrixChart Draw(IReadOnlyList<StudyRow> rows, IReadOnlyCollection<StudyRow>? subset = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var (placed, width, height, legendTop) = Layout(Panels(rows, subset));

        var plot = ChartCanvas.NewPlot();
        plot.Layout.Frameless();
        plot.HideGrid();
        plot.Axes.SetLimits(0, width, -height, 0);
        AddText(plot, "Connections opened per 1,000 requests, and what the connections did", Margin, Margin + 10, 15, Alignment.MiddleLeft, bold: true);
        var cells = new List<MatrixCell>();
        foreach (var (panel, left, top) in placed)
        {
            cells.AddRange(DrawPanel(plot, panel, left, top));
        }

        DrawScale(plot, Margin, legendTop);
        return new MatrixChart(plot, width, height, cells);
    }

    private static (List<(Panel Panel, int Left, int Top)> Placed, int Width, int Height, int LegendTop) Layout(List<Panel> panels)
    {
        // Panels flow left to right and wrap within the width limit.
        var placed = new List<(Panel Panel, int Left, int Top)>();
        int x = Margin, y = Margin + FigureTitleHeight, lineHeight = 0, right = 0;
        foreach (var panel in panels)
        {
            if (x > Margin && x + panel.Width > ChartCanvas.MaxWidth - Margin)
            {
                x = Margin;
                y += lineHeight + PanelGapY;
                lineHeight = 0;
            }

            placed.Add((panel, x, y));
            x += panel.Width + PanelGapX;
            right = Math.Max(right, x - PanelGapX);
            lineHeight = Math.Max(lineHeight, panel.Height);
        }

        var legendTop = y + lineHeight + PanelGapY;
        var width = Math.Min(ChartCanvas.MaxWidth, Math.Max(right + Margin, 520));
        return (placed, width, legendTop + 56 + Margin, legendTop);
    }

    private static List<MatrixCell> DrawPanel(Plot plot, Panel panel, int left, int top)
    {
        AddText(plot, panel.Title, left, top + PanelTitleHeight / 2.0, 14, Alignment.MiddleLeft, bold: true);
        var gridLeft = left + panel.LabelWidth;
        var headerTop = top + PanelTitleHeight;
        foreach (var completion in panel.Columns.GroupBy(c => c.Completion))
        {
            var first = panel.Columns.IndexOf(completion.First());
            var span = completion.Count() * CellWidth;
            AddText(plot, ChartGroups.Completion(completion.Key), gridLeft + first * CellWidth + span / 2.0, headerTop + HeaderHeight / 2.0, LabelFont, Alignment.MiddleCenter, bold: true);
            plot.Add.Line(gridLeft + first * CellWidth + 6, -(headerTop + HeaderHeight), gridLeft + first * CellWidth + span - 6, -(headerTop + HeaderHeight)).Color = Colors.Gray;
        }

        for (var c = 0; c < panel.Columns.Count; c++)
        {
            AddText(plot, panel.Columns[c].Body, gridLeft + (c + 0.5) * CellWidth, headerTop + HeaderHeight * 1.5 + 2, LabelFont, Alignment.MiddleCenter);
        }

        var gridTop = headerTop + 2 * HeaderHeight + 4;
        var cells = new List<MatrixCell>();
        for (var r = 0; r < panel.RowLabels.Count; r++)
        {
            var cellTop = gridTop + r * CellHeight;
            AddText(plot, panel.RowLabels[r], gridLeft - 8, cellTop + CellHeight / 2.0, LabelFont, Alignment.MiddleRight);
            for (var c = 0; c < panel.Columns.Count; c++)
            {
                var cellLeft = gridLeft + c * CellWidth;
                var rect = plot.Add.Rectangle(cellLeft, cellLeft + CellWidth, -(cellTop + CellHeight), -cellTop);
                rect.LineColor = Colors.White;
                rect.LineWidth = 2;
                if (panel.Cells[r, c] is not { } row)
                {
                    rect.FillColor = Color.FromHex("#F0F0F0");
                    AddText(plot, "—", cellLeft + CellWidth / 2.0, cellTop + CellHeight / 2.0, LabelFont, Alignment.MiddleCenter, color: Colors.Gray);
                    continue;
                }

                var per1k = row.Census.ConnectionsPer1k;
                rect.FillColor = ColorOf(per1k);
                // Dark text on the light (yellow, green) end of viridis, white on the dark (purple, blue) end.
                var ink = ScaleFraction(per1k) >= 0.5 ? Colors.Black : Colors.White;
                var cell = new MatrixCell(row, cellLeft, cellTop, CellWidth, CellHeight, VerdictWords.Of(row));
                AddText(plot, cell.Word, cell.CenterX, cell.CenterY - 7, 13, Alignment.MiddleCenter, bold: true, color: ink);
                AddText(plot, $"{ReportFormat.Per1k(per1k)} /1k", cell.CenterX, cell.CenterY + 10, 10, Alignment.MiddleCenter, color: ink);
                cells.Add(cell);
            }
        }

        return cells;
    }

    // The colour scale as a strip of the palette with a tick per decade.
    private static void DrawScale(Plot plot, int left, int top)
    {
        const int stripWidth = 360, stripHeight = 14, steps = 72;
        AddText(plot, "connections opened per 1,000 requests (log scale)", left, top + 7, LabelFont, Alignment.MiddleLeft);
        var stripTop = top + 18;
        for (var i = 0; i < steps; i++)
        {
            var fraction = (i + 0.5) / steps;
            var rect = plot.Add.Rectangle(left + i * (double)stripWidth / steps, left + (i + 1) * (double)stripWidth / steps, -(stripTop + stripHeight), -stripTop);
            rect.FillColor = Viridis.GetColor(fraction);
            rect.LineWidth = 0;
        }

        for (var decade = Math.Log10(ScaleMin); decade <= Math.Log10(ScaleMax) + 1e-9; decade++)
        {
            var tickX = left + ScaleFraction(Math.Pow(10, decade)) * stripWidth;
            plot.Add.Line(tickX, -(stripTop + stripHeight), tickX, -(stripTop + stripHeight + 4)).Color = Colors.Black;
            AddText(plot, ChartCanvas.Decade(decade), tickX, stripTop + stripHeight + 12, 11, Alignment.MiddleCenter);
        }
    }

    // Pixels from the top left, as the layout computes them.
    private static void AddText(Plot plot, string text, double left, double top, float size, Alignment alignment, bool bold = false, Color? color = null) =>
        ChartCanvas.AddText(plot, text, left, -top, size, alignment, bold, color);

    private static List<Panel> Panels(IReadOnlyList<StudyRow> rows, IReadOnlyCollection<StudyRow>? subset)
    {
        var runtimeOrder = ChartGroups.Runtimes(rows).Select((r, i) => (r.Moniker, i)).ToDictionary(p => p.Moniker, p => p.i, StringComparer.Ordinal);
        var benchmarkOrder = rows.Select(r => r.Benchmark).Distinct(StringComparer.Ordinal).Select((b, i) => (b, i)).ToDictionary(p => p.b, p => p.i, StringComparer.Ordinal);
        return rows.Where(r => subset is null || subset.Contains(r)).GroupBy(ChartGroups.PanelKey)
            .OrderBy(g => runtimeOrder[g.First().Runtime.Moniker])
            .ThenBy(g => benchmarkOrder[g.First().Benchmark])
            .ThenBy(g => g.First().Case.Protocol)
            .ThenBy(g => g.First().Case.Framing) // then first appearance: a stable sort
            .Select(g => Panel.Of(g.ToList(), rows))
            .ToList();
    }

    private sealed record Column(HttpCompletionOption Completion, long BodyBytes, string Body);

    private sealed class Panel
    {
        public required string Title { get; init; }

        public required List<Column> Columns { get; init; }

        public required List<string> RowLabels { get; init; }

        public required StudyRow?[,] Cells { get; init; }

        public required int LabelWidth { get; init; }

        public int Width => Math.Max(LabelWidth + Columns.Count * CellWidth, (int)ChartCanvas.Measure(Title, 14, bold: true).Width + 4);

        public int Height => PanelTitleHeight + 2 * HeaderHeight + 4 + RowLabels.Count * CellHeight;

        public static Panel Of(List<StudyRow> panelRows, IReadOnlyList<StudyRow> all)
        {
            var columns = panelRows.Select(r => new Column(r.Case.Completion, r.Case.BodyBytes, ChartGroups.Body(r))).Distinct()
                .OrderBy(c => c.Completion).ThenBy(c => c.BodyBytes).ToList();
            // The recommended pattern (disposed, read to the end) first, as in the benchmark classes and the tables.
            var labels = panelRows
                .OrderByDescending(r => r.Case.Disposed).ThenByDescending(r => r.Case.Drain)
                .Select(r => ChartGroups.WhatTheCodeDoes(r, all)).Distinct(StringComparer.Ordinal).ToList();
            var cells = new StudyRow?[labels.Count, columns.Count];
            foreach (var row in panelRows)
            {
                var r = labels.IndexOf(ChartGroups.WhatTheCodeDoes(row, all));
                var c = columns.IndexOf(new Column(row.Case.Completion, row.Case.BodyBytes, ChartGroups.Body(row)));
                cells[r, c] = row;
            }

            return new Panel
            {
                Title = ChartGroups.PanelTitle(panelRows[0], all),
                Columns = columns,
                RowLabels = labels,
                Cells = cells,
                LabelWidth = (int)Math.Ceiling(labels.Max(l => ChartCanvas.Measure(l, LabelFont).Width)) + 14,
            };
        }
    }
}
