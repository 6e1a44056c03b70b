using System.Globalization;
using LeakBench.Reports;
using LeakBench.Statistics;

namespace LeakBench.Tests.Statistics;

/// <summary>
/// The stopping rule of the pairing: where it checks, that it stops on the width of the bounds and never on the estimate,
/// and that bounds taken where it stops still cover the truth (replayed on recorded A/A pairs, resampled).
/// </summary>
public sealed class PrecisionRuleTests
{
    [Theory]
    [InlineData(14, false)]
    [InlineData(15, false)]
    [InlineData(16, true)]
    [InlineData(18, false)]
    [InlineData(20, true)]
    [InlineData(60, true)]
    [InlineData(64, true)]
    [InlineData(68, false)]
    [InlineData(72, true)]
    [InlineData(136, false)]
    [InlineData(144, true)]
    public void Checks_from_16_pairs_at_even_counts_that_thin_out(int pairs, bool checks) =>
        Assert.Equal(checks, PrecisionRule.IsCheckPoint(pairs));

    [Fact]
    public void It_stops_on_the_width_of_the_bounds_not_on_the_estimate()
    {
        var noise = Recorded();
        // The same spread around three different centres (×1, ×2, ×0.5): the width is the same, so the stop is too.
        var stops = new[] { 0.0, Math.Log(2), Math.Log(0.5) }.Select(shift => PrecisionRule.StopAt(noise.Select(x => x + shift).ToList(), 0.05)).ToList();
        // Half the spread reaches the same width sooner; the estimate plays no part.
        var quieter = PrecisionRule.StopAt(noise.Select(x => x / 2).ToList(), 0.05);

        Assert.All(stops, s => Assert.Equal(stops[0], s));
        Assert.True(stops[0] < noise.Count, $"the recorded spread reaches ±5% within {noise.Count} pairs (stopped at {stops[0]})");
        Assert.True(quieter < stops[0], $"half the spread stops sooner ({quieter} against {stops[0]})");
    }

    [Fact]
    public void A_target_never_reached_runs_to_the_end()
    {
        var noise = Recorded();

        Assert.Equal(noise.Count, PrecisionRule.StopAt(noise, 0.0001));
    }

    [Fact]
    public void Bounds_where_the_rule_stops_cover_the_truth_at_least_93_percent_of_the_time()
    {
        // Recorded A/A pairs (1 KiB, the reference run), resampled with replacement and with random signs: two identical
        // sides in balanced order are exchangeable, so a pair's log ratio is as likely negative as positive and the truth
        // is exactly ×1. Each replay runs the stopping rule (±2.5%, from 16 pairs, up to 400) and checks its bounds.
        var recorded = Recorded();
        var random = new Random(20_251_203);
        const int replays = 400;
        var covered = 0;
        for (var replay = 0; replay < replays; replay++)
        {
            var pairs = Enumerable.Range(0, 400).Select(_ => recorded[random.Next(recorded.Count)] * (random.Next(2) == 0 ? 1 : -1)).ToList();
            var stop = PrecisionRule.StopAt(pairs, 0.025);
            if (PairedRatioEstimator.FromLogs(pairs.Take(stop).ToList()).Contains(1))
            {
                covered++;
            }
        }

        Assert.True(covered >= 0.93 * replays, $"{covered} of {replays} stopped intervals contained ×1");
    }

    // Per-pair log ratios of block medians, case over baseline, from the reference run's 1 KiB A/A (40 pairs).
    private static List<double> Recorded()
    {
        var csv = CsvTable.ReadWellFormed(Path.Combine(AppContext.BaseDirectory, "Statistics", "Samples", "aa-1kib-block-medians.csv"))!;
        double Number(string[] record, string column) => double.Parse(csv.Field(record, column), CultureInfo.InvariantCulture);
        return csv.Records.Select(r => Math.Log(Number(r, "case_block_median_us") / Number(r, "baseline_block_median_us"))).ToList();
    }
}
