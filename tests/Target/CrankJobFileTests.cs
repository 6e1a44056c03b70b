using System.Text.RegularExpressions;
using LeakBench.Cli;
using LeakBench.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace LeakBench.Tests.Target;

/// <summary>
/// eng/crank/leakbench.benchmarks.yml cannot be run here (crank is not served), so what can be checked is: it parses
/// as YAML, its scenario names its jobs, every project it names exists, and every job's arguments, with the file's
/// variables (and crank's serverAddress) filled in, are accepted by LeakBench's own parser as the command they mean.
/// </summary>
public sealed partial class CrankJobFileTests
{
    private static readonly string JobFile = Path.Combine(RepoPaths.Root, "eng", "crank", "leakbench.benchmarks.yml");

    [Fact]
    public void The_crank_job_file_names_projects_and_options_that_exist()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(JobFile))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var variables = Map(root, "variables").Children.ToDictionary(kv => Scalar(kv.Key), kv => Scalar(kv.Value));
        variables["serverAddress"] = "192.0.2.1"; // crank's address of the application job (a documentation address here)
        var jobs = Map(root, "jobs");

        var scenario = Map(Map(root, "scenarios"), "leakbench");
        var targetJob = Map(jobs, Scalar(Map(scenario, "application")["job"]));
        var studyJob = Map(jobs, Scalar(Map(scenario, "load")["job"]));

        foreach (var job in new[] { targetJob, studyJob })
        {
            var source = Map(job, "source");
            Assert.Equal(".", Scalar(source["localFolder"]));
            Assert.True(File.Exists(Path.Combine(RepoPaths.Root, Scalar(source["project"]))), $"no project {Scalar(source["project"])}");
        }

        var serve = StudyOptions.Parse(Arguments(targetJob, variables));
        Assert.Null(serve.Error);
        Assert.Equal("serve", serve.Command);
        Assert.Equal(["--address", "0.0.0.0", "--allow-remote", "--port", variables["http1Port"], "--h2c-port", variables["h2cPort"], "--control-port", variables["controlPort"]], serve.ServeArguments);
        Assert.Equal("LEAKBENCH_READY", Scalar(targetJob["readyStateText"]));
        Assert.StartsWith(Scalar(targetJob["readyStateText"]), LeakBench.Target.TargetUrls.ReadyPrefix, StringComparison.Ordinal);

        var study = StudyOptions.Parse(Arguments(studyJob, variables));
        Assert.Null(study.Error);
        Assert.Equal("study", study.Command);
        Assert.Equal(new Uri($"http://192.0.2.1:{variables["controlPort"]}"), study.Target);
        Assert.Equal([variables["filter"]], study.Filters);
        Assert.Empty(study.BenchmarkDotNetArguments);
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? (YamlMappingNode)child : throw new KeyNotFoundException($"no '{key}' in the crank job file");

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? string.Empty;

    /// <summary>A job's arguments with {{variables}} filled in, split on spaces as crank's command line is.</summary>
    private static string[] Arguments(YamlMappingNode job, Dictionary<string, string> variables) =>
        Variable().Replace(Scalar(job["arguments"]), m => variables.TryGetValue(m.Groups[1].Value, out var v) ? v : throw new KeyNotFoundException($"no variable '{m.Groups[1].Value}'"))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex(@"\{\{\s*(\w+)\s*\}\}")]
    private static partial Regex Variable();
}
