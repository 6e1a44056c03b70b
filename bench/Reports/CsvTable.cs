using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace LeakBench.Reports;

/// <summary>
/// A CSV file LeakBench wrote (RFC 4180, header first), read back by column name with CsvHelper (quoted fields,
/// doubled quotes, line breaks inside quotes; no field trimmed, every field a string as written).
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

    /// <summary>Reads <paramref name="path"/>; null when the file does not exist or has no header.</summary>
    public static CsvTable? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var reader = new StreamReader(path);
        return Parse(reader);
    }

    /// <summary>Parses CSV text (as a writer made it); null when it has no header.</summary>
    public static CsvTable? Parse(string text)
    {
        using var reader = new StringReader(text);
        return Parse(reader);
    }

    private static CsvTable? Parse(TextReader reader)
    {
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null });
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
