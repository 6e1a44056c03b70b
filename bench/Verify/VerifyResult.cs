namespace LeakBench.Verify;

/// <summary>
/// What <c>verify</c> found in a run folder: the figures it recomputed and compared, each mismatch, and what it could
/// not check (and why). The exit code follows from them (<see cref="ExitCode"/>).
/// </summary>
public sealed record VerifyResult
{
    /// <summary>Everything checked matched.</summary>
    public const int Verified = 0;

    /// <summary>At least one recomputed figure differs from the run's files.</summary>
    public const int Mismatch = 1;

    /// <summary>The folder is not a run: no report.csv with the study's columns.</summary>
    public const int NotARun = 2;

    /// <summary>What was checked matched, but raw data for some figures is missing (an older run).</summary>
    public const int Incomplete = 3;

    /// <summary>report.md was rendered by another LeakBench (another report format, or none): `report` refreshes it.</summary>
    public const int Stale = 4;

    /// <summary>Why the folder is not a run; null when it is one.</summary>
    public string? NotARunReason { get; init; }

    /// <summary>Figures (cells) recomputed and compared.</summary>
    public int Checked { get; init; }

    /// <summary>Rows of report.csv.</summary>
    public int Rows { get; init; }

    /// <summary>Each mismatch: file, row, column, recomputed against found.</summary>
    public IReadOnlyList<string> Mismatches { get; init; } = [];

    /// <summary>What could not be checked, and why.</summary>
    public IReadOnlyList<string> Unchecked { get; init; } = [];

    /// <summary>Why the report is stale (rendered by another LeakBench); null when it is this code's.</summary>
    public string? StaleReason { get; init; }

    public int ExitCode =>
        NotARunReason is not null ? NotARun
        : Mismatches.Count > 0 ? Mismatch
        : StaleReason is not null ? Stale
        : Unchecked.Count > 0 ? Incomplete
        : Verified;
}
