using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace LeakBench.Reports;

/// <summary>
/// A CSV file LeakBench wrote (RFC 4180, header first), read back by column name with CsvHelper (quoted fields,
/// doubled quotes, line breaks inside quotes; no field trimmed, every field a string as written). The study's one CSV
/// reader (verify, compare, report); <see cref="StudyCsvWriter.AppendRecord"/> is its one writer.
/// </summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(string[] header, IReadOnlyList<string[]> records)
    {
        Header = header;
        Records = records;
        _columns = header.Select((name, i) => (name, i)).GroupBy(c => c.name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
    }

    public IReadOnlyList<string> Header { get; }

    /// <summary>The records after the header, in file order.</summary>
    public IReadOnlyList<string[]> Records { get; }

    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>The field of <paramref name="record"/> in <paramref name="column"/>; "" when the column is missing or the record short.</summary>
    public string Field(string[] record, string column)
    {
        ArgumentNullException.ThrowIfNull(record);
        return _columns.TryGetValue(column, out var i) && i < record.Length ? record[i] : "";
    }

    /// <summary>Reads <paramref name="path"/>; null when the file does not exist or has no header. A misplaced quote is read as it stands.</summary>
    public static CsvTable? Read(string path) => File.Exists(path) ? Parse(File.ReadAllText(path)) : null;

    /// <summary>Parses CSV text (as a writer made it); null when it has no header. A misplaced quote is read as it stands.</summary>
    public static CsvTable? Parse(string text) => Parse(text, Lenient);

    /// <summary>Reads <paramref name="path"/> as <see cref="Read"/> does, but a file that is not well-formed CSV is an error.</summary>
    /// <exception cref="FormatException">A quote left open, or a quote inside an unquoted field, said in one line.</exception>
    public static CsvTable? ReadWellFormed(string path) => File.Exists(path) ? ParseWellFormed(File.ReadAllText(path)) : null;

    /// <summary>Parses CSV text as <see cref="Parse(string)"/> does, but text that is not well-formed CSV is an error.</summary>
    /// <exception cref="FormatException">A quote left open, or a quote inside an unquoted field, said in one line.</exception>
    public static CsvTable? ParseWellFormed(string text)
    {
        try
        {
            return Parse(text, Strict);
        }
        catch (BadDataException e)
        {
            // CsvHelper's own message spans many lines (the parser's whole state); one line says where and what.
            throw new FormatException($"a misplaced or unclosed quote in the record read up to line {e.Context?.Parser?.RawRow.ToString(CultureInfo.InvariantCulture) ?? "?"}", e);
        }
    }

    private static readonly CsvConfiguration Lenient = new(CultureInfo.InvariantCulture) { BadDataFound = null };

    private static readonly CsvConfiguration Strict = new(CultureInfo.InvariantCulture);

    private static CsvTable? Parse(string text, CsvConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var csv = new CsvParser(new StringReader(text), configuration);
        if (!csv.Read() || csv.Record is not { Length: > 0 } header)
        {
            return null;
        }

        var records = new List<string[]>();
        while (csv.Read())
        {
            if (csv.Record is { } fields)
            {
                records.Add(fields);
            }
        }

        return new CsvTable(header, records);
    }
}
