using LeakBench.Cli;

namespace LeakBench.Tests.Cli;

public sealed class PublisherTests
{
    [Theory]
    [InlineData("Intel Xeon Processor 2.50GHz, 1 CPU, 2 logical and 2 physical cores", "xeon-2-50ghz")]
    [InlineData("AMD Ryzen 9 7950X 16-Core Processor, 1 CPU, 32 logical and 16 physical cores", "ryzen-9-7950x-16-core")]
    [InlineData("Apple M2", "apple-m2")]
    public void Cpu_names_shorten_to_the_model(string cpu, string expected) =>
        Assert.Equal(expected, Publisher.CpuShort(cpu));

    [Fact]
    public void Publishing_copies_the_report_and_never_overwrites_a_published_run()
    {
        var root = Directory.CreateTempSubdirectory("leakbench-publish-").FullName;
        try
        {
            var run = Path.Combine(root, "run");
            Directory.CreateDirectory(Path.Combine(run, "charts"));
            Directory.CreateDirectory(Path.Combine(run, "bdn", "results"));
            File.WriteAllText(Path.Combine(run, "report.md"), "# report");
            File.WriteAllText(Path.Combine(run, "report.csv"), "a,b");
            File.WriteAllText(Path.Combine(run, "charts", "latency.svg"), "<svg/>");
            File.WriteAllText(Path.Combine(run, "bdn", "results", "x-report.csv"), "c");
            File.WriteAllText(Path.Combine(run, "bdn", "BenchmarkRun.log"), "log");
            File.WriteAllText(Path.Combine(run, "shapes.csv"), "shape");
            File.WriteAllText(Path.Combine(run, "shapes.sarif"), "{}");
            File.WriteAllText(Path.Combine(run, "runtime_pairs.csv"), "blocks");
            var results = Path.Combine(root, "results");
            var date = new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc);

            var first = Publisher.Publish(run, results, date, "Linux Debian GNU/Linux 12 (bookworm)", "Intel Xeon Processor 2.50GHz, 1 CPU");
            File.WriteAllText(Path.Combine(first, "report.md"), "published, do not touch");
            var second = Publisher.Publish(run, results, date, "Linux Debian GNU/Linux 12 (bookworm)", "Intel Xeon Processor 2.50GHz, 1 CPU");

            Assert.Equal("2026-11-26-linux-debian-xeon-2-50ghz", Path.GetFileName(first));
            Assert.Equal("2026-11-26-linux-debian-xeon-2-50ghz-2", Path.GetFileName(second));
            Assert.Equal("published, do not touch", File.ReadAllText(Path.Combine(first, "report.md")));
            Assert.Equal("# report", File.ReadAllText(Path.Combine(second, "report.md")));
            Assert.True(File.Exists(Path.Combine(second, "charts", "latency.svg")));
            Assert.True(File.Exists(Path.Combine(second, "bdn", "x-report.csv")));
            Assert.True(File.Exists(Path.Combine(second, "bdn", "BenchmarkRun.log")));
            // The leak shapes' table and the analyzer log it is read from are published with the run.
            Assert.Equal("shape", File.ReadAllText(Path.Combine(second, "shapes.csv")));
            Assert.True(File.Exists(Path.Combine(second, "shapes.sarif")));
            // The cross-runtime pairing's raw blocks are published with the run (verify recomputes from them).
            Assert.Equal("blocks", File.ReadAllText(Path.Combine(second, "runtime_pairs.csv")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
