using BenchmarkDotNet.ConsoleArguments.ListBenchmarks;
using LeakBench.Cli;

namespace LeakBench.Tests.Cli;

public sealed class PreflightTests
{
    [Fact]
    public void The_fd_need_is_a_socket_per_census_request_plus_the_builds_headroom()
    {
        Assert.Equal(1000 + Preflight.BuildAndRuntimeFiles, Preflight.FilesNeeded(1000));
        Assert.Null(Preflight.CheckFileLimit(2024, hardLimit: 2024));
        Assert.Null(Preflight.CheckFileLimit(2024, hardLimit: null));
        Assert.StartsWith("the hard open-file limit is 2023, and this run needs 2024 ", Preflight.CheckFileLimit(2024, hardLimit: 2023), StringComparison.Ordinal);
    }

    [Fact]
    public void This_machines_hard_limit_is_read()
    {
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(Preflight.HardFileLimit() is null or > 0);
        }
    }

    [Fact]
    public void A_writable_folder_is_created_and_left_without_the_probe()
    {
        var parent = Directory.CreateTempSubdirectory("leakbench-preflight-").FullName;
        try
        {
            var folder = Path.Combine(parent, "a", "b");
            Assert.Null(Preflight.CheckOutputFolder(folder));
            Assert.Empty(Directory.GetFileSystemEntries(folder));

            var file = Path.Combine(parent, "file");
            File.WriteAllText(file, "x");
            Assert.StartsWith($"cannot write to the output folder {Path.Combine(file, "run")}: ", Preflight.CheckOutputFolder(Path.Combine(file, "run")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [Fact]
    public void The_tree_list_nests_names_by_their_dots_as_BenchmarkDotNet_draws_it()
    {
        var text = CaseList.Format(["A.B.X", "A.B.Y", "A.C.Z"], ListBenchmarkCaseMode.Tree);

        Assert.Equal(string.Join(Environment.NewLine, "A", " ├─B", " │  ├─X", " │  └─Y", " └─C", "    └─Z", string.Empty), text);
        Assert.Equal($"A.B.X{Environment.NewLine}", CaseList.Format(["A.B.X"], ListBenchmarkCaseMode.Flat));
    }
}
