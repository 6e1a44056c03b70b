using System.Text;

namespace LeakBench.Reports;

/// <summary>
/// The one markdown pipe-table writer of the report and the seed. Compact (<c>| a | b |</c>, rule <c>|---|---:|</c>)
/// for files, or padded to the widest cell of each column so that the table also reads on a console. Cells are
/// written on one line with their pipes escaped; an empty cell is written as <c>| |</c>. Lines end with '\n'.
/// </summary>
public static class MarkdownTable
{
    /// <summary>The table: header, rule, then one line per row.</summary>
    /// <param name="columns">The columns, in order.</param>
    /// <param name="rows">The cells of each row, one per column.</param>
    /// <param name="padded">Pad every cell to its column's width (numbers to the left, text to the right).</param>
    /// <exception cref="ArgumentException">A row whose cell count is not the column count.</exception>
    public static string Write(IReadOnlyList<MarkdownColumn> columns, IEnumerable<IReadOnlyList<string>> rows, bool padded = false)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var cells = rows.Select(row => row.Count == columns.Count
                ? row.Select(Escape).ToList()
                : throw new ArgumentException($"a row has {row.Count} cells for {columns.Count} columns", nameof(rows)))
            .ToList();
        var headers = columns.Select(c => Escape(c.Header)).ToList();
        var widths = padded
            ? [.. headers.Select((h, i) => Math.Max(h.Length, cells.Select(r => r[i].Length).DefaultIfEmpty(0).Max()))]
            : new int[columns.Count];

        var text = new StringBuilder();
        AppendLine(text, headers.Select((h, i) => h.PadRight(widths[i])));
        if (padded)
        {
            AppendLine(text, columns.Select((c, i) => Rule(c, Math.Max(3, widths[i]))));
        }
        else
        {
            // The compact rule has no spaces, as GitHub writes it: |---|---:|
            text.Append('|').AppendJoin(string.Empty, columns.Select(c => (c.AlignRight ? "---:" : "---") + "|")).Append('\n');
        }

        foreach (var row in cells)
        {
            AppendLine(text, row.Select((cell, i) => columns[i].AlignRight ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i])));
        }

        return text.ToString();
    }

    private static string Rule(MarkdownColumn column, int dashes) =>
        column.AlignRight ? new string('-', dashes - 1) + ":" : new string('-', dashes);

    private static void AppendLine(StringBuilder text, IEnumerable<string> cells)
    {
        text.Append('|');
        foreach (var cell in cells)
        {
            text.Append(cell.Length == 0 ? " |" : $" {cell} |");
        }

        text.Append('\n');
    }

    // A pipe would end the cell, a line break the row.
    private static string Escape(string cell) =>
        cell.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal);
}
