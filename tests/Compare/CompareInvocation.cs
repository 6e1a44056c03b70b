using LeakBench.Cli;
using LeakBench.Compare;

namespace LeakBench.Tests.Compare;

/// <summary>Runs <c>compare</c> as the command line does (parsed by StudyOptions), capturing its exit code, stdout and stderr.</summary>
public static class CompareInvocation
{
    public static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var options = StudyOptions.Parse(["compare", .. args]);
        Assert.Null(options.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CompareCommand.Run(options, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
