namespace LeakBench.Verify;

/// <summary><c>verify RUN_FOLDER</c>: runs <see cref="RunVerifier"/> and says what it found; the exit code is <see cref="VerifyResult.ExitCode"/>.</summary>
public static class VerifyCommand
{
    public static int Run(string folder, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(output);
        var result = RunVerifier.Run(folder);
        if (result.NotARunReason is { } reason)
        {
            output.WriteLine($"leakbench verify: {reason}");
            return result.ExitCode;
        }

        output.WriteLine($"leakbench verify: {folder}: {result.Checked} figure(s) of {result.Rows} row(s) recomputed from the raw files and compared");
        foreach (var mismatch in result.Mismatches)
        {
            output.WriteLine($"  MISMATCH {mismatch}");
        }

        foreach (var what in result.Unchecked)
        {
            output.WriteLine($"  not checked: {what}");
        }

        if (result.StaleReason is { } stale)
        {
            output.WriteLine($"  STALE {stale}");
        }

        output.WriteLine(result.ExitCode switch
        {
            VerifyResult.Stale => "leakbench verify: the figures check, but the report was rendered by another LeakBench (exit 4)",
            VerifyResult.Verified => "leakbench verify: everything checked matches",
            VerifyResult.Mismatch => $"leakbench verify: {result.Mismatches.Count} mismatch(es)",
            _ => "leakbench verify: what was checked matches, but raw data for some figures is missing (see 'not checked')",
        });
        return result.ExitCode;
    }
}
