using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace LeakBench.Cli;

/// <summary>
/// An option whose value is a number within a range, and the one place that reads one and says what is wrong with it.
/// Its System.CommandLine option takes text, so the parser never converts it: a typed option answered "abc" with
/// "as expected type 'System.Nullable`1[System.Int32]'". The message names the option, the value given, what was
/// expected and the range; a negative value is such a value too (the argument split keeps it with its option).
/// </summary>
public sealed class NumberOption
{
    /// <param name="name">the option, e.g. --requests</param>
    /// <param name="helpName">the value's name in the help, e.g. N</param>
    /// <param name="kind">what the number is, in words: "a whole number", "a percentage", "a number of seconds"</param>
    /// <param name="smallest">the smallest value accepted, in the unit the user types (percent for a percentage)</param>
    /// <param name="largest">the largest value accepted, in the same unit</param>
    /// <param name="whole">only whole numbers</param>
    /// <param name="percent">the value is a percentage: a trailing % is allowed and <see cref="TryRead"/> returns the fraction</param>
    /// <param name="description">what the option does (the help adds the range)</param>
    public NumberOption(string name, string helpName, string kind, double smallest, double largest, string description, bool whole = false, bool percent = false)
    {
        Kind = kind;
        Smallest = smallest;
        Largest = largest;
        Whole = whole;
        Percent = percent;
        Option = new Option<string>(name) { HelpName = helpName, Description = $"{description}; {Expected}" };
    }

    /// <summary>A percentage option whose bounds are fractions (as the code keeps them); it reads as a fraction too.</summary>
    public static NumberOption Percentage(string name, double smallestFraction, double largestFraction, string description) =>
        new(name, "PERCENT", "a percentage", smallestFraction * 100, largestFraction * 100, description, percent: true);

    /// <summary>A TCP port option: 0 is a free port.</summary>
    public static NumberOption PortNumber(string name, string description) =>
        new(name, "N", "a port number", 0, 65535, $"{description} (0 or none: a free one)", whole: true);

    /// <summary>The System.CommandLine option (text: this class reads it).</summary>
    public Option<string> Option { get; }

    public string Name => Option.Name;

    public string Kind { get; }

    public double Smallest { get; }

    public double Largest { get; }

    public bool Whole { get; }

    public bool Percent { get; }

    /// <summary>What the option takes, in words, with its range: "a whole number from 1 to 1000000".</summary>
    public string Expected => string.Create(CultureInfo.InvariantCulture, $"{Kind} from {Smallest:0.###} to {Largest:0.###}");

    /// <summary>The one-line message for a value that is not <see cref="Expected"/>, or for none (null).</summary>
    public string ErrorFor(string? given) =>
        given is null ? $"{Name} needs a value: {Expected}" : $"{Name} needs {Expected}, got '{given}'";

    /// <summary>
    /// The number in <paramref name="text"/> when it is <see cref="Expected"/> (a percentage as a fraction: "2.5" or
    /// "2.5%" is 0.025). Invariant culture: "2,5" is no number here whatever the machine's language.
    /// </summary>
    public bool TryRead(string? text, out double value)
    {
        value = 0;
        var trimmed = text?.Trim();
        if (Percent)
        {
            trimmed = trimmed?.TrimEnd('%');
        }

        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number) || (Whole && number != Math.Floor(number)))
        {
            return false;
        }

        // A tolerance of rounding at the ends only: "0.1" percent may come out a hair from the bound it was written as.
        var tolerance = 1e-9 * Math.Max(1, Math.Abs(Largest));
        if (number < Smallest - tolerance || number > Largest + tolerance)
        {
            return false;
        }

        value = Percent ? number / 100 : number;
        return true;
    }

    /// <summary>The option's value in <paramref name="result"/>: null when not given, else the number or the message saying why not.</summary>
    public (double? Value, string? Error) Read(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.GetResult(Option) is null)
        {
            return (null, null);
        }

        var text = result.GetValue(Option);
        return TryRead(text, out var value) ? (value, null) : (null, ErrorFor(text));
    }

    /// <summary>Whether <paramref name="token"/> is a negative number, which is a value (to judge), not an option name.</summary>
    public static bool IsNegativeNumber(string token) =>
        token.Length > 1 && token[0] == '-' && double.TryParse(token.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
