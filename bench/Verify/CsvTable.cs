using Microsoft.VisualBasic.FileIO;

namespace LeakBench.Verify;

/// <summary>
/// A CSV file LeakBench wrote (RFC 4180, header first), read back by column name with the BCL's own
/// <see cref="TextFieldParser"/> (quoted fields, doubled quotes, line breaks inside quotes).
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
        using var parser = new TextFieldParser(reader) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        parser.SetDelimiters(",");
        if (parser.EndOfData || parser.ReadFields() is not { Length: > 0 } header)
        {
            return null;
        }

        var records = new List<string[]>();
        while (!parser.EndOfData)
        {
            if (parser.ReadFields() is { } fields)
            {
                records.Add(fields);
            }
        }

        return new CsvTable(header, records);
    }
}
