using LeakBench.Cli;
using LeakBench.Verify;
using LeakBench.Target;

// Internal: one .NET test of the seed command in a fresh process (not a user command, so not in StudyOptions).
if (args.Length > 0 && args[0] == LeakBench.Seed.SeedWorkerArguments.Command)
{
    return await SeedWorkerCommand.RunAsync(args[1..]);
}

// Internal: one census in a fresh process (the fd-limit known-answer test; an fd limit is process-wide).
if (args is [LeakBench.Census.CensusChildCommand.Command])
{
    return await LeakBench.Census.CensusChildCommand.RunAsync();
}

// Internal: one side of a cross-runtime pairing, in a process of the runtime under test (blocks on command from stdin).
if (args is [LeakBench.RuntimePairing.RuntimePairChildCommand.Command])
{
    return await LeakBench.RuntimePairing.RuntimePairChildCommand.RunAsync();
}

var options = StudyOptions.Parse(args);
if (options.Error is not null)
{
    return options.Refuse(Console.Error);
}

if (options.ShowHelp)
{
    Console.Write(StudyOptions.UsageOf(options.Command));
    return 0;
}

try
{
    if (options.Command == "seed")
    {
        var folder = RunFolder.PathOf(options.OutputDirectory, "seed-");
        if (Preflight.CheckOutputFolder(folder) is { } notWritable)
        {
            Console.Error.WriteLine($"leakbench: {notWritable}");
            return 2;
        }

        options = options with { OutputDirectory = folder };
    }

    return options.Command switch
    {
        "serve" => await ServeCommand.RunAsync(options),
        "seed" => await SeedCommand.RunAsync(options),
        "compare" => LeakBench.Compare.CompareCommand.Run(options, Console.Out, Console.Error),
        "verify" => VerifyCommand.Run(options.VerifyFolder!, Console.Out),
        "report" => ReportCommand.Run(options.VerifyFolder!, options.OutputDirectory, Console.Out, Console.Error),
        _ => await StudyCommand.RunAsync(options),
    };
}
catch (TargetStartException e)
{
    Console.Error.WriteLine($"leakbench: {e.Message}");
    return 1;
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    // Disk full, a folder removed mid-run, a file that cannot be replaced: the target is already stopped (its
    // using blocks have run), what was written stays, and the user gets the file and the reason, not a stack trace.
    Console.Error.WriteLine($"leakbench: a file could not be written, so the run stopped: {e.Message.ReplaceLineEndings(" ")}");
    return 1;
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    // Never "Unhandled exception": a bug still gets its one line first, then the stack trace to report it with.
    Console.Error.WriteLine($"leakbench: internal error ({e.GetType().Name}): {e.Message.ReplaceLineEndings(" ")}");
    Console.Error.WriteLine(e.StackTrace);
    return 1;
}
