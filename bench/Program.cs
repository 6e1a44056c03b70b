using LeakBench.Cli;
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

var options = StudyOptions.Parse(args);
if (options.Error is not null)
{
    Console.Error.WriteLine($"leakbench: {options.Error}");
    Console.Error.WriteLine("run with --help for the options");
    return 2;
}

if (options.ShowHelp)
{
    Console.WriteLine(StudyOptions.Usage);
    return 0;
}

try
{
    return options.Command switch
    {
        "serve" => await ServeCommand.RunAsync(options),
        "seed" => await SeedCommand.RunAsync(options),
        _ => await StudyCommand.RunAsync(options),
    };
}
catch (TargetStartException e)
{
    Console.Error.WriteLine($"leakbench: {e.Message}");
    return 1;
}
