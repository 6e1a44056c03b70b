using LeakBench.Cli;
using LeakBench.Target;

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
        _ => await StudyCommand.RunAsync(options),
    };
}
catch (TargetStartException e)
{
    Console.Error.WriteLine($"leakbench: {e.Message}");
    return 1;
}
