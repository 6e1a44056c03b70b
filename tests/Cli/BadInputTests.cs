using System.CommandLine;
using System.Globalization;
using LeakBench.Cli;

namespace LeakBench.Tests.Cli;

/// <summary>
/// Every option of every command, given a bad value, answers in one line that names the option, the value and what
/// it takes; never in the parser's .NET types, and never "missing" for a value that was given. The cases come from the
/// commands' own definitions, so an option added later is tried too. In-process: <see cref="StudyOptions.Refuse"/> is
/// what the program prints and returns.
/// </summary>
public sealed class BadInputTests
{
    private static readonly string[] ParserWords = ["System.", "Nullable", "Int32", "Double", "Required argument", "missing"];

    /// <summary>(command, option, value): each number option with a non-number, a negative and out-of-range values.</summary>
    public static TheoryData<string, string, string> BadNumbers()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (command, option) in Options())
        {
            if (StudyOptions.NumberOptionOf(option) is not { } number)
            {
                continue;
            }

            var above = number.Whole ? number.Largest + 1 : number.Largest * 1.5;
            string[] values = ["abc", "-3", "99999999999", above.ToString("R", CultureInfo.InvariantCulture), "1e300"];
            foreach (var value in number.Smallest > 0 ? [.. values, (number.Smallest / 2).ToString("R", CultureInfo.InvariantCulture)] : values)
            {
                data.Add(command, option.Name, value);
            }
        }

        return data;
    }

    /// <summary>(command, option): every option that takes a value.</summary>
    public static TheoryData<string, string> ValueOptions()
    {
        var data = new TheoryData<string, string>();
        foreach (var (command, option) in Options().Where(o => TakesValue(o.Option)))
        {
            data.Add(command, option.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadNumbers))]
    public void A_bad_number_names_the_option_the_value_and_the_range(string command, string option, string value)
    {
        var number = StudyOptions.NumberOptionOf(OptionNamed(command, option))!;

        var (exit, lines) = Refused(command, option, value);

        Assert.Equal(StudyOptions.BadInputExitCode, exit);
        var line = Assert.Single(lines);
        Assert.Contains($"{option} needs {number.Expected}, got '{value}'", line, StringComparison.Ordinal);
        AssertInPlainWords(line);
    }

    [Theory]
    [MemberData(nameof(ValueOptions))]
    public void A_negative_value_is_a_value_never_a_missing_one(string command, string option)
    {
        var o = StudyOptions.Parse(ArgumentsFor(command, option, "-1"));

        // A text option may take "-1" (--out -1 is a folder); if it refuses it, it says why in plain words.
        if (o.Error is not null)
        {
            Assert.Contains("'-1'", o.Error, StringComparison.Ordinal);
            AssertInPlainWords(o.Error);
        }
    }

    [Theory]
    [MemberData(nameof(ValueOptions))]
    public void An_option_without_its_value_says_what_the_value_is(string command, string option)
    {
        var (exit, lines) = Refused(command, option, value: null);

        Assert.Equal(StudyOptions.BadInputExitCode, exit);
        var line = Assert.Single(lines);
        Assert.Contains($"{option} needs a value", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Required argument", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_option_that_takes_a_value_is_a_number_option_or_text()
    {
        // A typed option (Option<int?>) answers bad input in .NET's words; a number goes through NumberOption.
        foreach (var (command, option) in Options().Where(o => TakesValue(o.Option)))
        {
            Assert.True(
                StudyOptions.NumberOptionOf(option) is not null || option.ValueType == typeof(string) || option.ValueType == typeof(string[]),
                $"{command} {option.Name} takes a {option.ValueType}: make it a NumberOption or text");
            Assert.True(StudyOptions.NumberOptionOf(option) is not { Smallest: < 0 }, $"{command} {option.Name}: the test's '-3' must be out of range");
        }

        Assert.NotEmpty(BadNumbers());
    }

    [Theory]
    [InlineData("leakbench: --requests needs a whole number from 1 to 1000000, got 'abc'; run with --help for the options", "--requests", "abc")]
    [InlineData("leakbench: --requests needs a whole number from 1 to 1000000, got '99999999999'; run with --help for the options", "--requests", "99999999999")]
    [InlineData("leakbench: --requests needs a whole number from 1 to 1000000, got '-1'; run with --help for the options", "--requests", "-1")]
    [InlineData("leakbench: serve: --seconds needs a number of seconds from 0.1 to 1000000, got '-3'; run with serve --help for the options", "serve", "--seconds", "-3")]
    [InlineData("leakbench: compare: --margin needs a percentage from 0.1 to 50, got '-3'; run with compare --help for the options", "compare", "a", "b", "--margin", "-3")]
    [InlineData("leakbench: compare: needs B (B: the second run folder, compared against A); run with compare --help for the options", "compare", "a")]
    [InlineData("leakbench: serve: --port needs a port number from 0 to 65535, got '70000'; run with serve --help for the options", "serve", "--port", "70000")]
    public void The_inputs_the_issue_quoted_read_as_known_lines(string expected, params string[] args)
    {
        var o = StudyOptions.Parse(args);
        using var error = new StringWriter();

        Assert.Equal(2, o.Refuse(error));
        Assert.Equal(expected + Environment.NewLine, error.ToString());
    }

    [Fact]
    public void Good_numbers_still_parse_negative_ones_stay_with_their_option()
    {
        var serve = StudyOptions.Parse(["serve", "--seconds", "0.5", "--port", "0", "--control-port", "5002"]);
        Assert.Null(serve.Error);
        Assert.Equal(0.5, serve.ServeSeconds);
        Assert.Equal(["--port", "0", "--control-port", "5002"], serve.ServeArguments);

        var study = StudyOptions.Parse(["--requests", "1000000", "--margin", "50%", "--iterationCount", "-1"]);
        Assert.Null(study.Error);
        Assert.Equal(1_000_000, study.CensusRequests);
        Assert.Equal(0.5, study.Margin, 12);
        Assert.Equal(["--iterationCount", "-1"], study.BenchmarkDotNetArguments); // BenchmarkDotNet's option keeps its value
    }

    private static IEnumerable<(string Command, Option Option)> Options() =>
        StudyOptions.Commands.SelectMany(c => StudyOptions.CommandOf(c).Options.Where(o => !o.Hidden).Select(o => (c, o)));

    private static bool TakesValue(Option option) => option.ValueType != typeof(bool) && option.Arity.MaximumNumberOfValues > 0;

    private static Option OptionNamed(string command, string name) => StudyOptions.CommandOf(command).Options.Single(o => o.Name == name);

    /// <summary>The command, a stand-in for each of its arguments (compare's A and B), then the option and its value.</summary>
    private static string[] ArgumentsFor(string command, string option, string? value)
    {
        var start = command == "study" ? [] : new[] { command }.Concat(StudyOptions.CommandOf(command).Arguments.Select(_ => "x"));
        return [.. start, option, .. value is null ? Array.Empty<string>() : [value]];
    }

    private static (int Exit, string[] Lines) Refused(string command, string option, string? value)
    {
        var o = StudyOptions.Parse(ArgumentsFor(command, option, value));
        Assert.NotNull(o.Error);
        using var error = new StringWriter();
        var exit = o.Refuse(error);
        return (exit, error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    private static void AssertInPlainWords(string message)
    {
        foreach (var word in ParserWords)
        {
            Assert.DoesNotContain(word, message, StringComparison.OrdinalIgnoreCase);
        }
    }
}
