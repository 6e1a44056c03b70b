using System.Globalization;

namespace LeakBench.Cli;

/// <summary>The study's progress in words: plain functions of plain inputs, so that each has known answers.</summary>
public static class ProgressText
{
    /// <summary>
    /// What is left, estimated from the cases done so far: their average time (<paramref name="untilLastEnd"/> over
    /// <paramref name="done"/>) for each case still to run, less what the current case has run
    /// (<paramref name="sinceLastEnd"/>), but never less than the average for the cases after it: the estimate counts
    /// down while a case runs and does not promise the end of a case that takes longer than most. Null before the first
    /// case ends (nothing to estimate from). The cases differ (a 2 MiB case takes several times a 1 KiB one), so this is
    /// an estimate that settles as cases finish, not a promise.
    /// </summary>
    public static TimeSpan? Remaining(TimeSpan untilLastEnd, TimeSpan sinceLastEnd, int done, int total)
    {
        if (done <= 0 || total <= 0)
        {
            return null;
        }

        if (done >= total)
        {
            return TimeSpan.Zero;
        }

        var average = untilLastEnd / done;
        var afterCurrent = average * (total - done - 1);
        var estimate = average * (total - done) - sinceLastEnd;
        return estimate > afterCurrent ? estimate : afterCurrent;
    }

    /// <summary>A duration as a clock reads: "0:42", "12:05", "1:02:03" (whole seconds, rounded down).</summary>
    public static string Duration(TimeSpan duration)
    {
        var seconds = (long)Math.Max(0, Math.Floor(duration.TotalSeconds));
        var (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        return h > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{h}:{m:00}:{s:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{m}:{s:00}");
    }

    /// <summary>
    /// The live line of a terminal: "[12/111] 3:10, ~8:20 left · running DisposeDrain: …", cut to <paramref name="width"/>
    /// characters (a line longer than the terminal wraps, and "\r" then redraws only its last part). A total of 0 is
    /// not known yet (BenchmarkDotNet names its cases when it starts building them).
    /// </summary>
    public static string LiveLine(int done, int total, string? current, TimeSpan elapsed, TimeSpan? remaining, int width)
    {
        var allRun = total > 0 && done >= total;
        var left = remaining is { } r && !allRun ? $", ~{Duration(r)} left" : string.Empty;
        var doing = total == 0 ? "starting BenchmarkDotNet" : allRun ? "all cases run" : current is null ? "building the benchmarks" : $"running {current}";
        var all = total == 0 ? "?" : total.ToString(CultureInfo.InvariantCulture);
        var line = string.Create(CultureInfo.InvariantCulture, $"[{done}/{all}] {Duration(elapsed)}{left} · {doing}");
        return line.Length <= width ? line : width <= 1 ? line[..Math.Max(0, width)] : line[..(width - 1)] + "…";
    }

    /// <summary>The line of one finished case where no terminal shows a live line: "[3/111] DisposeDrain: … (1:02)".</summary>
    public static string FinishedLine(int index, int total, string name, TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"[{index}/{total}] {name} ({Duration(elapsed)})");
}
