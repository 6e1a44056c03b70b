using LeakBench.Cli;

namespace LeakBench.Compare;

/// <summary>
/// <c>leakbench compare A B</c>: reads two run folders, prints the comparison as markdown and, with --csv, writes it as
/// CSV. The exit code is for CI, as dotnet/performance's ResultsComparer is used: 0 when nothing changed beyond the
/// margin, 1 when something did, 2 for bad input (a folder that is not a run, runs that share no case, a CSV that
/// cannot be written), said in one line.
/// </summary>
public static class CompareCommand
{
    public const int NoChange = 0;

    public const int Changed = 1;

    public const int BadInput = 2;

    public static int Run(StudyOptions options, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        RunComparison comparison;
        try
        {
            comparison = RunComparison.Of(StudyRun.Read(options.CompareRuns[0]), StudyRun.Read(options.CompareRuns[1]), options.Margin);
        }
        catch (NotARunException e)
        {
            return Refuse(error, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Refuse(error, $"a run folder could not be read: {e.Message}");
        }

        if (comparison.Shared == 0)
        {
            return Refuse(error, $"{options.CompareRuns[0]} and {options.CompareRuns[1]} share no case (same benchmark, method, parameters and runtime): runs of different studies cannot be compared");
        }

        output.Write(ComparisonMarkdown.Write(comparison));
        if (options.CompareCsv is { } csv)
        {
            try
            {
                File.WriteAllText(csv, ComparisonCsv.Write(comparison));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Refuse(error, $"the CSV could not be written: {e.Message}");
            }
        }

        return comparison.HasChanges ? Changed : NoChange;
    }

    private static int Refuse(TextWriter error, string message)
    {
        error.WriteLine($"leakbench: compare: {message.ReplaceLineEndings(" ")}");
        return BadInput;
    }
}
