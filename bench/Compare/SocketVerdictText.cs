using System.Text.RegularExpressions;
using LeakBench.Reports;

namespace LeakBench.Compare;

/// <summary>
/// The verdict a report.csv verdict text states. The text carries the case's numbers ("stalls at request 101 until the
/// timeout; a GC frees it"), which differ from run to run without the verdict changing; two runs' verdicts differ
/// when these categories do. The numbered forms are <see cref="VerdictRules.Describe"/>'s.
/// </summary>
public static partial class SocketVerdictText
{
    /// <summary>The verdict <paramref name="text"/> states; null for a text no LeakBench verdict reads as (then the text itself is compared).</summary>
    public static Verdict? Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var verdict in Enum.GetValues<Verdict>())
        {
            if (text == verdict.Text())
            {
                return verdict;
            }
        }

        if (FailsAt().IsMatch(text))
        {
            return Verdict.FailsAtRequest;
        }

        if (StallsAt().Match(text) is { Success: true } stall)
        {
            return stall.Groups["frees"].Value == "frees" ? Verdict.StallsGcFreesIt : Verdict.StallsGcDoesNotFreeIt;
        }

        return HoldsStreams().IsMatch(text) ? Verdict.HoldsStreams : null;
    }

    /// <summary>Whether two verdict texts state the same verdict (numbers aside).</summary>
    public static bool Same(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return (Of(a), Of(b)) switch
        {
            ({ } x, { } y) => x == y,
            _ => a == b,
        };
    }

    [GeneratedRegex(@"^fails at request \d+ \(.*\)$")]
    private static partial Regex FailsAt();

    [GeneratedRegex(@"^stalls at request \d+ until the timeout; a GC (?<frees>frees|does not free) it$")]
    private static partial Regex StallsAt();

    [GeneratedRegex(@"^holds \d+ streams open on \d+ connections?; no stall$")]
    private static partial Regex HoldsStreams();
}
