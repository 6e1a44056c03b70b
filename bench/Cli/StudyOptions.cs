using System.Globalization;

namespace LeakBench.Cli;

/// <summary>What the user asked for. Parsing never throws: bad input comes back as <see cref="Error"/>.</summary>
public sealed record StudyOptions
{
    /// <summary>Census requests per case with --full: the study's N.</summary>
    public const int PublishCensusRequests = 5_000;

    /// <summary>
    /// Census requests per case with the quick job: a 2 MiB case costs ~2.5 ms a request on 2 cores, so
    /// 5,000 of them would take the quick matrix past its five minutes.
    /// </summary>
    public const int QuickCensusRequests = 1_000;

    public string Command { get; init; } = "study";
    public bool ShowHelp { get; init; }
    public bool Full { get; init; }
    /// <summary>--requests; null means the job's default (<see cref="QuickCensusRequests"/> or <see cref="PublishCensusRequests"/>).</summary>
    public int? RequestsOverride { get; init; }

    public int CensusRequests => RequestsOverride ?? (Full ? PublishCensusRequests : QuickCensusRequests);
    public IReadOnlyList<string> Filters { get; init; } = [];
    public IReadOnlyList<string> Runtimes { get; init; } = [];
    public string? OutputDirectory { get; init; }
    public bool Publish { get; init; }
    public bool WithSeed { get; init; }
    public double? ServeSeconds { get; init; }
    /// <summary>--socket-table: where the census reads the OS socket table (proc on Linux, portable elsewhere).</summary>
    public LeakBench.Census.SocketTableSource SocketTable { get; init; } = LeakBench.Census.SocketTableSources.Default;
    public string? Error { get; init; }

    public static readonly IReadOnlyList<string> Commands = ["study", "serve", "seed"];

    public const string Usage = """
        LeakBench: what not disposing or not draining HttpResponseMessage costs, measured.

        Usage: run.sh [command] [options]      (or: dotnet run -c Release --project bench -- [command] [options])

        Commands:
          study            run the dispose x drain study (default)
          serve            start the Kestrel target on loopback and print its URLs until Ctrl+C
          seed             reproduce the Go article's four tests next to .NET

        Options:
          --full           the publishing job (BenchmarkDotNet default accuracy) instead of the quick one
          --requests N     census requests per case (default 1000 quick, 5000 with --full)
          --filter GLOB    only benchmarks whose full name matches (repeatable), e.g. '*DisposeDrain*'
          --runtimes R...  client runtimes to compare: net8.0 net9.0 net10.0 (missing ones come from NuGet into .dotnet/)
          --out DIR        where this run writes its reports (default artifacts/study-<timestamp>)
          --seed           also run the seed reproduction into the same folder (its table joins the report)
          --publish        also copy the run into results/ (never overwrites)
          --seconds S      with serve: stop after S seconds
          --socket-table S the census's OS socket source: proc (Linux, its default) or portable (default elsewhere)
          --help           this text
        """;

    public static StudyOptions Parse(IReadOnlyList<string> args)
    {
        var o = new StudyOptions();
        var i = 0;
        if (args.Count > 0 && !args[0].StartsWith('-'))
        {
            if (!Commands.Contains(args[0]))
            {
                return o with { Error = $"unknown command '{args[0]}' (commands: {string.Join(", ", Commands)})" };
            }

            o = o with { Command = args[0] };
            i = 1;
        }

        for (; i < args.Count; i++)
        {
            var arg = args[i];
            string? Next() => i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            switch (arg)
            {
                case "--help" or "-h":
                    o = o with { ShowHelp = true };
                    break;
                case "--full":
                    o = o with { Full = true };
                    break;
                case "--quick":
                    o = o with { Full = false };
                    break;
                case "--publish":
                    o = o with { Publish = true };
                    break;
                case "--seed":
                    o = o with { WithSeed = true };
                    break;
                case "--requests":
                    var r = Next();
                    if (!int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var requests) || requests is < 1 or > 1_000_000)
                    {
                        return o with { Error = $"--requests needs a whole number from 1 to 1000000, got '{r}'" };
                    }

                    o = o with { RequestsOverride = requests };
                    break;
                case "--filter":
                    var f = Next();
                    if (string.IsNullOrWhiteSpace(f))
                    {
                        return o with { Error = "--filter needs a pattern, e.g. '*DisposeDrain*'" };
                    }

                    o = o with { Filters = [.. o.Filters, f] };
                    break;
                case "--runtimes":
                    var runtimes = new List<string>();
                    while (Next() is { } rt)
                    {
                        if (!LeakBench.Config.RuntimeJobs.Supported.Contains(rt))
                        {
                            return o with { Error = $"--runtimes takes {string.Join(", ", LeakBench.Config.RuntimeJobs.Supported)}, got '{rt}'" };
                        }

                        runtimes.Add(rt);
                    }

                    if (runtimes.Count == 0)
                    {
                        return o with { Error = "--runtimes needs at least one runtime, e.g. --runtimes net8.0 net9.0 net10.0" };
                    }

                    o = o with { Runtimes = runtimes };
                    break;
                case "--out":
                    var d = Next();
                    if (string.IsNullOrWhiteSpace(d))
                    {
                        return o with { Error = "--out needs a folder" };
                    }

                    o = o with { OutputDirectory = d };
                    break;
                case "--seconds":
                    var s = Next();
                    if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
                    {
                        return o with { Error = $"--seconds needs a positive number, got '{s}'" };
                    }

                    o = o with { ServeSeconds = seconds };
                    break;
                case "--socket-table":
                    var t = Next();
                    if (!LeakBench.Census.SocketTableSources.TryParse(t, out var table))
                    {
                        return o with { Error = $"--socket-table takes proc or portable, got '{t}'" };
                    }

                    if (table == LeakBench.Census.SocketTableSource.Proc && !LeakBench.Census.SocketTable.IsAvailable)
                    {
                        return o with { Error = $"--socket-table proc reads {LeakBench.Census.SocketTable.Tcp4Path}, which this OS does not have (Linux only); use portable" };
                    }

                    o = o with { SocketTable = table };
                    break;
                default:
                    return o with { Error = $"unknown option '{arg}'" };
            }
        }

        return o;
    }
}
