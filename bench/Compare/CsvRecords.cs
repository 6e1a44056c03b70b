using System.Text;

namespace LeakBench.Compare;

/// <summary>
/// Reads the CSV LeakBench writes (<see cref="Reports.StudyCsvWriter"/>): RFC 4180 quoting, CRLF or LF line ends.
/// A quoted field may hold commas, doubled quotes and line breaks (a failure text can).
/// </summary>
public static class CsvRecords
{
    /// <summary>Every record of <paramref name="text"/>, the header first; a trailing line end makes no empty record.</summary>
    /// <exception cref="FormatException">A quote left open at the end of the text.</exception>
    public static IReadOnlyList<IReadOnlyList<string>> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new List<IReadOnlyList<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var fieldStarted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = true;
                    fieldStarted = true;
                    break;
                case ',':
                    record.Add(field.ToString());
                    field.Clear();
                    fieldStarted = true; // a comma starts the next field, even an empty last one
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break; // the '\n' ends the record
                case '\n':
                    EndRecord();
                    break;
                default:
                    field.Append(c);
                    fieldStarted = true;
                    break;
            }
        }

        if (quoted)
        {
            throw new FormatException("a quoted field is not closed at the end of the file");
        }

        EndRecord();
        return records;

        void EndRecord()
        {
            if (fieldStarted || field.Length > 0 || record.Count > 0)
            {
                record.Add(field.ToString());
                records.Add(record);
            }

            record = [];
            field.Clear();
            fieldStarted = false;
        }
    }
}
