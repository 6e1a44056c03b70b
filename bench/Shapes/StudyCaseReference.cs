using System.Globalization;
using System.Text.RegularExpressions;
using LeakBench.Cases;

namespace LeakBench.Shapes;

/// <summary>
/// A study case named the way BenchmarkDotNet names it: <c>Benchmark.Method(Name=Value, ...)</c>, e.g.
/// <c>DisposeDrainBenchmarks.Undisposed_Unread(Completion=ResponseHeadersRead, BodyBytes=1024)</c>. Each parameter is a
/// <see cref="StudyCase"/> property of the same name (the benchmark classes' parameters are), so a row matches when its
/// benchmark and method are these and each named property has the named value; the rest of the case is the class's.
/// </summary>
public sealed partial record StudyCaseReference(string Benchmark, string Method, IReadOnlyList<KeyValuePair<string, string>> Parameters)
{
    /// <summary>Parses <c>Benchmark.Method</c> or <c>Benchmark.Method(Name=Value, ...)</c>.</summary>
    /// <exception cref="FormatException">The text is not of that form, or names a parameter that is no <see cref="StudyCase"/> property.</exception>
    public static StudyCaseReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Shape().Match(text.Trim());
        if (!match.Success)
        {
            throw new FormatException($"'{text}' is not a study case: expected Benchmark.Method(Name=Value, ...)");
        }

        var parameters = new List<KeyValuePair<string, string>>();
        if (match.Groups["parameters"].Success)
        {
            foreach (var part in match.Groups["parameters"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
                if (pair.Length != 2 || pair[0].Length == 0 || pair[1].Length == 0)
                {
                    throw new FormatException($"'{part}' in '{text}' is not Name=Value");
                }

                if (typeof(StudyCase).GetProperty(pair[0]) is null)
                {
                    throw new FormatException($"'{pair[0]}' in '{text}' is not a dimension of a study case");
                }

                parameters.Add(new(pair[0], pair[1]));
            }
        }

        return new StudyCaseReference(match.Groups["benchmark"].Value, match.Groups["method"].Value, parameters);
    }

    /// <summary>Whether a measurement of <paramref name="benchmark"/>.<paramref name="method"/> with <paramref name="case"/>'s values is this case (on any runtime).</summary>
    public bool Matches(string benchmark, string method, StudyCase @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return benchmark == Benchmark && method == Method
            && Parameters.All(p => ValueText(typeof(StudyCase).GetProperty(p.Key)!.GetValue(@case)) == p.Value);
    }

    /// <summary>The published form, as parsed.</summary>
    public override string ToString() =>
        Parameters.Count == 0 ? $"{Benchmark}.{Method}" : $"{Benchmark}.{Method}({string.Join(", ", Parameters.Select(p => $"{p.Key}={p.Value}"))})";

    // Enums by name, numbers in the invariant culture: as BenchmarkDotNet prints parameter values.
    private static string? ValueText(object? value) => value is IFormattable formattable and not Enum
        ? formattable.ToString(null, CultureInfo.InvariantCulture)
        : value?.ToString();

    [GeneratedRegex(@"^(?<benchmark>[A-Za-z_][A-Za-z0-9_]*)\.(?<method>[A-Za-z_][A-Za-z0-9_]*)(\((?<parameters>[^()]*)\))?$")]
    private static partial Regex Shape();
}
