using System.Globalization;
using LeakBench.Pairing;

namespace LeakBench.Reports;

/// <summary>
/// What the report says about the precision the pairings asked for and reached: the stopping rule with the caps and
/// targets the cases ran under, and every case its time cap stopped short of its target, with the half-width it reached.
/// </summary>
public static class PairingPrecisionSection
{
    /// <summary>The pairing's rule and budgets, as recorded with each case (the job and the case decide them).</summary>
    public static string Budgets(IReadOnlyList<StudyRow> paired)
    {
        ArgumentNullException.ThrowIfNull(paired);
        var settings = paired.Select(r => r.Census.Latency!.Settings).OfType<PairingSettings>().ToList();
        if (settings.Count == 0)
        {
            return "blocks of requests alternate between the two";
        }

        var blocks = string.Join(" or ", settings.Select(b => b.BlockRequests).Distinct().Order().Select(n => n.ToString(CultureInfo.InvariantCulture)));
        var caps = string.Join(" or ", settings.Select(b => b.TimeBudget.TotalSeconds).Distinct().Order().Select(s => string.Create(CultureInfo.InvariantCulture, $"{s:0.##} s")));
        var targets = settings.Select(b => b.PrecisionTarget).OfType<double>().Distinct().Order().Select(ReportFormat.Percent).ToList();
        var first = settings[0];
        return string.Create(CultureInfo.InvariantCulture,
            $"each block pair times {blocks} requests a side (10 for bodies above 256 KiB, per caller with concurrent callers), in sub-blocks of {first.SubBlockRequests} that alternate in ABBA order; " +
            $"pairs are added until the median ratio's 95% bounds reach the case's precision target ({(targets.Count == 0 ? "none asked" : "±" + string.Join(", ±", targets))}: ½·ln(hi/lo) ≤ ln(1 + target), " +
            $"checked from {first.MinPairs} pairs at even counts, so the width decides, never the estimate) or the case's time cap of {caps}, at most {first.MaxPairs} pairs");
    }

    /// <summary>The sentence naming every case the time cap stopped short of its target, with the half-width reached; null when none.</summary>
    public static string? TimeCapped(IReadOnlyList<StudyRow> paired)
    {
        ArgumentNullException.ThrowIfNull(paired);
        var capped = paired.Where(r => r.Census.Latency is { StoppedBy: "time cap" }).ToList();
        if (capped.Count == 0)
        {
            return null;
        }

        return $"Stopped by the time cap before their precision target ({ReportFormat.Count(capped.Count)}): " +
               string.Join("; ", capped.Select(r =>
               {
                   var l = r.Census.Latency!;
                   var reached = l.HalfWidth is { } h ? "±" + ReportFormat.Percent(h) : "no bounds";
                   var target = l.PrecisionTarget is { } t ? " of ±" + ReportFormat.Percent(t) : "";
                   return $"{r.Benchmark}.{r.Method} ({r.Case.Label}{(l.IsAa ? ", A/A" : "")}) {reached}{target} in {ReportFormat.Count(l.Pairs)} pairs";
               })) + ".";
    }
}
