using System.CommandLine;
using System.CommandLine.Parsing;
using LeakBench.Config;

namespace LeakBench.Cli;

/// <summary>
/// What the user asked for. LeakBench's own options are parsed here (System.CommandLine); whatever the
/// study command does not know is kept in <see cref="BenchmarkDotNetArguments"/> for BenchmarkDotNet's own
/// parser (see <see cref="BenchmarkDotNetOptions"/>), as dotnet/performance's harness does. Parsing never
/// throws: bad input comes back as <see cref="Error"/>.
/// </summary>
public sealed record StudyOptions
{
    /// <summary>Census requests per case with --full: the study's N.</summary>
    public const int PublishCensusRequests = 5_000;

    /// <summary>
    /// Census requests per case with the quick job: a 2 MiB case costs ~2.5 ms a request on 2 cores, and the
    /// quick study (111 cases) must stay under 8 minutes; 500 still show a leak as 1,000 connections per 1,000.
    /// </summary>
    public const int QuickCensusRequests = 500;

    /// <summary>Where BenchmarkDotNet documents the options that pass through.</summary>
    public const string BenchmarkDotNetOptionsUrl = "https://benchmarkdotnet.org/articles/guides/console-args.html";

    public string Command { get; init; } = "study";
    public bool ShowHelp { get; init; }
    public bool Full { get; init; }
    /// <summary>--requests; null means the job's default (<see cref="QuickCensusRequests"/> or <see cref="PublishCensusRequests"/>).</summary>
    public int? RequestsOverride { get; init; }

    public int CensusRequests => RequestsOverride ?? (Full ? PublishCensusRequests : QuickCensusRequests);

    /// <summary>
    /// Census requests of the quick job's cases with a body of 1 MiB or more: half the quick census. Those cases cost
    /// 2–5 ms a request (about 60% of the quick study's time for a third of its cases), and 250 requests still show a
    /// leak or a close as 1,000 connections per 1,000 and reuse as 4.
    /// </summary>
    public const int QuickLargeBodyCensusRequests = 250;

    /// <summary>
    /// Census requests of the publishing job's cases with a body of 1 MiB or more: 2,000 at 2–5 ms each instead of
    /// 5,000 keeps the full study within its 45 minutes; 2,000 still give the rates per 1,000 to one connection in 2,000.
    /// </summary>
    public const int PublishLargeBodyCensusRequests = 2_000;

    /// <summary>
    /// The census size for large bodies: <see cref="QuickLargeBodyCensusRequests"/> or <see cref="PublishLargeBodyCensusRequests"/>
    /// by job; --requests sets every case's.
    /// </summary>
    public int LargeBodyCensusRequests => RequestsOverride ?? (Full ? PublishLargeBodyCensusRequests : QuickLargeBodyCensusRequests);
    public IReadOnlyList<string> Filters { get; init; } = [];
    public IReadOnlyList<string> Runtimes { get; init; } = [];
    public string? OutputDirectory { get; init; }
    public bool Publish { get; init; }
    public bool WithSeed { get; init; }
    public double? ServeSeconds { get; init; }

    /// <summary>verify's RUN_FOLDER: the run folder whose figures it recomputes.</summary>
    public string? VerifyFolder { get; init; }

    /// <summary>serve's --address, --allow-remote and fixed ports, as the target's own arguments (it validates them: loopback unless --allow-remote).</summary>
    public IReadOnlyList<string> ServeArguments { get; init; } = [];

    /// <summary>--socket-table: where the census reads the OS socket table (proc on Linux, portable elsewhere).</summary>
    public LeakBench.Census.SocketTableSource SocketTable { get; init; } = LeakBench.Census.SocketTableSources.Default;

    /// <summary>--target: the control URL of a target started elsewhere (<c>serve --address 0.0.0.0 --allow-remote</c>); null: the study starts its own on loopback.</summary>
    public Uri? Target { get; init; }

    /// <summary>--server: the server the study starts, <c>kestrel</c> (LeakBench's own target, the default) or <c>nginx</c> (Debian's).</summary>
    public string Server { get; init; } = LeakBench.Target.TargetUrls.Kestrel;

    /// <summary>--nginx-timeouts: nginx's keepalive_timeout and send_timeout for the whole run; null: nginx's defaults (75 s, 60 s).</summary>
    public TimeSpan? NginxTimeouts { get; init; }

    /// <summary>--margin, as a fraction: the practical margin every latency verdict of the run is judged against (5% unless given).</summary>
    public double Margin { get; init; } = LeakBench.Statistics.PracticalMargin.Default;

    /// <summary>--precision, as a fraction: the half-width the pairing aims for in every case; null means the job's targets by case (see <see cref="LeakBench.Pairing.PrecisionTargets"/>).</summary>
    public double? Precision { get; init; }

    /// <summary>compare's two run folders, A then B.</summary>
    public IReadOnlyList<string> CompareRuns { get; init; } = [];


    /// <summary>compare's --csv: where to write the comparison as CSV; null writes none.</summary>
    public string? CompareCsv { get; init; }

    /// <summary>The study's arguments that LeakBench does not own, in order, for BenchmarkDotNet's parser.</summary>
    public IReadOnlyList<string> BenchmarkDotNetArguments { get; init; } = [];
    public string? Error { get; init; }

    public static IReadOnlyList<string> Commands => [.. Parser.Root.Subcommands.Select(c => c.Name).Prepend("study")];

    /// <summary>The help of the study (the default command): LeakBench's options, then where BenchmarkDotNet's are documented.</summary>
    public static string Usage => Parser.HelpOf(Parser.Root);

    /// <summary>The help of one command, as --help prints it.</summary>
    public static string UsageOf(string command) => Parser.HelpOf(Parser.CommandNamed(command));

    public static StudyOptions Parse(IReadOnlyList<string> args) => Parser.Parse(args);

    /// <summary>The one parser of the commands. Each command's options are its own: seed, serve and verify refuse the study's.</summary>
    private static class Parser
    {
        private static readonly Option<bool> Full = new("--full") { Description = "the publishing job (1 warmup and 6 timed iterations, a 5,000-request census, 2,000 for bodies of 1 MiB or more, paired latency to ±1% or ±2.5% within 12 s a case) instead of the quick one" };
        private static readonly Option<bool> Quick = new("--quick") { Description = "the quick job (the default): no warmup iteration and 1 timed iteration per case, a 500-request census, minutes for the whole matrix" };
        private static readonly Option<int?> Requests = new("--requests") { HelpName = "N", Description = $"census requests per case, 1 to 1000000 (default {QuickCensusRequests} quick, {PublishCensusRequests} with --full)" };

        private static readonly Option<string[]> Filter = new("--filter")
        {
            HelpName = "GLOB",
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.OneOrMore,
            Description = "only cases whose full name matches one of the globs (repeatable), e.g. '*DisposeDrain*'; LeakBench's, with BenchmarkDotNet's glob rules, so --list and the pre-run checks see it",
        };

        private static readonly Option<string[]> Runtimes = new("--runtimes")
        {
            HelpName = "R",
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.OneOrMore,
            Description = $"client runtimes to compare: {string.Join(' ', RuntimeJobs.Supported)} (missing ones come from NuGet into .dotnet/); LeakBench's, not BenchmarkDotNet's --runtimes",
        };

        private static readonly Option<string> Out = new("--out") { HelpName = "DIR", Description = "where this run writes (default artifacts/study-<timestamp>, or seed-<timestamp> for seed)" };
        private static readonly Option<bool> Seed = new("--seed") { Description = "also run the seed reproduction into the same folder (its table joins the report)" };
        private static readonly Option<bool> Publish = new("--publish") { Description = "also copy the run into results/ (never overwrites; never a failed or interrupted run)" };
        private static readonly Option<string> SocketTable = new("--socket-table")
        {
            HelpName = "proc|portable",
            Description = "where the census reads the OS socket table: proc (/proc/net/tcp, Linux's default) or portable (IPGlobalProperties, the default elsewhere)",
        };

        private static readonly Option<string> Target = new("--target")
        {
            HelpName = "URL",
            Description = "run against a target started elsewhere ('run.sh serve --address 0.0.0.0 --allow-remote'): its control URL, e.g. http://10.0.0.2:5002; load goes there instead of to a target on loopback",
        };

        private static readonly Option<string> Server = new("--server")
        {
            HelpName = "kestrel|nginx",
            Description = "the server the study starts: kestrel (its own target, the default) or nginx (Debian's nginx, Linux only, installed apart)",
        };

        private static readonly Option<int?> NginxTimeouts = new("--nginx-timeouts")
        {
            HelpName = "S",
            Description = "with --server nginx: keepalive_timeout and send_timeout of S seconds (1 to 3600) instead of nginx's 75 and 60, so that nginx closes leaked connections first",
        };

        private static readonly Option<string> Margin = new("--margin")
        {
            HelpName = "PERCENT",
            Description = "the practical margin of every latency verdict, in percent (default 5): 'no practical difference' only when the bounds lie within ±PERCENT, 'slower'/'faster' only when wholly beyond it",
        };

        private static readonly Option<string> Precision = new("--precision")
        {
            HelpName = "PERCENT",
            Description = "the half-width, in percent, that the pairing keeps adding block pairs for (up to each case's time cap) in every case; default by case: plaintext up to 256 KiB 1 (--full) or 2.5, larger bodies and TLS 2.5 (--full) or 5",
        };

        private static readonly Option<double?> Seconds = new("--seconds") { HelpName = "S", Description = "stop after S seconds of serving" };
        private static readonly Option<string> Address = new("--address") { HelpName = "IP", Description = "the address to bind (default 127.0.0.1); anything but loopback needs --allow-remote" };
        private static readonly Option<bool> AllowRemote = new("--allow-remote") { Description = "serve other hosts (a study elsewhere runs against this target with --target CONTROL-URL)" };
        private static readonly Option<int?> Port = new("--port") { HelpName = "N", Description = "fixed HTTP/1.1 port (default: a free one)" };
        private static readonly Option<int?> H2cPort = new("--h2c-port") { HelpName = "N", Description = "fixed h2c port (default: a free one)" };
        private static readonly Option<int?> ControlPort = new("--control-port") { HelpName = "N", Description = "fixed control port, the URL --target takes (default: a free one)" };

        private static readonly Argument<string> RunA = new("A") { Description = "the first run folder (results/<run> or artifacts/study-<timestamp>)" };
        private static readonly Argument<string> RunB = new("B") { Description = "the second run folder, compared against A" };
        // Nothing is written unless asked: the runs compared are often published folders, which a comparison must not touch.
        private static readonly Option<string> Csv = new("--csv") { HelpName = "FILE", Description = "also write the comparison as CSV to FILE (none is written otherwise)" };
        private static readonly Argument<string> RunFolderArgument = new("RUN_FOLDER") { Description = "a run folder (--out, artifacts/study-..., or results/...) with its report.csv, pairs.csv, aa.csv and census/" };

        public static readonly RootCommand Root = Build();

        private static RootCommand Build()
        {
            var serve = new Command("serve", "start the Kestrel target (on loopback unless --allow-remote) and print its URLs until Ctrl+C") { Seconds, Address, AllowRemote, Port, H2cPort, ControlPort };
            var seed = new Command("seed", "reproduce the Go article's four tests next to .NET") { Out };
            var compare = new Command("compare", "compare two run folders: socket verdicts, connections, allocation and each case's paired latency ratio in A against B; exit 0 when nothing changed beyond the margin, 1 when something did, 2 for bad input") { RunA, RunB, Margin, Csv };
            var verify = new Command("verify", "recompute a run's ratios, bounds, margins and verdicts from its raw files and compare them with its report.csv (exit 0 all match, 1 a mismatch, 2 not a run, 3 raw data missing)") { RunFolderArgument };
            var root = new RootCommand("LeakBench: what not disposing or not draining HttpResponseMessage costs, measured. The default command is the study.")
            {
                Full, Quick, Requests, Filter, Runtimes, Out, Seed, Publish, SocketTable, Target, Server, NginxTimeouts, Margin, Precision, serve, seed, compare, verify,
            };

            // The study hands what it does not know to BenchmarkDotNet; seed and serve take nothing else.
            root.TreatUnmatchedTokensAsErrors = false;

            // Parsing only: Program runs the commands. An action keeps "no subcommand" (the study) from being an error.
            root.SetAction(_ => 0);
            serve.SetAction(_ => 0);
            seed.SetAction(_ => 0);
            compare.SetAction(_ => 0);
            verify.SetAction(_ => 0);
            return root;
        }

        public static Command CommandNamed(string name) =>
            name == "study" ? Root : Root.Subcommands.FirstOrDefault(c => c.Name == name) ?? throw new ArgumentException($"no command '{name}'", nameof(name));

        public static string HelpOf(Command command)
        {
            var path = command == Root ? [] : new[] { command.Name };
            using var text = new StringWriter();
            Root.Parse([.. path, "--help"]).Invoke(new InvocationConfiguration { Output = text, Error = text });
            var help = text.ToString().TrimEnd()
                .Replace($"  {Root.Name} ", "  run.sh ", StringComparison.Ordinal) // the root's name is the executable's: LeakBench, or a test host
                .Replace("[[--] <additional arguments>...]]", "[BenchmarkDotNet options]", StringComparison.Ordinal);
            var additional = help.IndexOf("Additional Arguments:", StringComparison.Ordinal);
            help = additional < 0 ? help : help[..additional].TrimEnd();
            if (command != Root)
            {
                return help + Environment.NewLine;
            }

            return help + Environment.NewLine + Environment.NewLine + $$"""
                BenchmarkDotNet's options pass through to its own parser (documented at {{BenchmarkDotNetOptionsUrl}}),
                e.g. --list flat|tree, --job short, --iterationCount N, --warmupCount N, --exporters json, --memory,
                --join, --anyCategories, --allCategories. Refused, because they would bypass the socket census, the run
                folder or the repository-local runtimes: {{string.Join(", ", BenchmarkDotNetOptions.Refused.Select(r => r.Option))}}.
                run.sh [command] --help shows one command's options (run.sh seed --help).
                """ + Environment.NewLine;
        }

        public static StudyOptions Parse(IReadOnlyList<string> args)
        {
            // "study" is the default command, so it is no subcommand of the parser.
            var (own, passThrough) = Split(args.Count > 0 && args[0] == "study" ? args.Skip(1).ToList() : args);
            var result = Root.Parse(own);
            var command = result.CommandResult.Command;
            var name = command == Root ? "study" : command.Name;
            var o = new StudyOptions { Command = name };

            // A first word that is no command is the study's, so BenchmarkDotNet would see it; say what it is instead.
            if (args.Count > 0 && !args[0].StartsWith('-') && args[0] != "study" && command == Root)
            {
                return o with { Error = $"unknown command '{args[0]}' (commands: {string.Join(", ", Commands)})" };
            }

            var unmatched = result.UnmatchedTokens.Concat(passThrough).ToList();
            if (result.Errors.Count > 0 || (command != Root && unmatched.Count > 0))
            {
                var unknown = result.Errors.Count > 0 ? result.Errors[0].Message : $"unknown option or argument '{unmatched[0]}'";
                var takes = string.Join(", ", command.Options.Where(opt => !opt.Hidden).Select(opt => opt.Name));
                return o with { Error = command == Root ? unknown : $"{name}: {unknown} ({name} takes {takes})" };
            }

            if (result.Action is System.CommandLine.Help.HelpAction)
            {
                return o with { ShowHelp = true };
            }

            if (name == "compare")
            {
                return CompareOptions(o, result);
            }

            if (name == "verify")
            {
                return o with { VerifyFolder = result.GetValue(RunFolderArgument) };
            }

            if (command != Root)
            {
                return name == "serve"
                    ? CheckSeconds(o with { ServeSeconds = result.GetValue(Seconds), ServeArguments = ServeArgumentsOf(result) })
                    : CheckOut(o with { OutputDirectory = result.GetValue(Out) }, result);
            }

            if (result.GetValue(Full) && result.GetValue(Quick))
            {
                return o with { Error = "--full and --quick pick different jobs: give one" };
            }

            var requests = result.GetValue(Requests);
            if (result.GetResult(Requests) is not null && requests is not (>= 1 and <= 1_000_000))
            {
                return o with { Error = $"--requests needs a whole number from 1 to 1000000, got '{requests}'" };
            }

            var runtimes = result.GetValue(Runtimes) ?? [];
            if (runtimes.FirstOrDefault(r => !RuntimeJobs.Supported.Contains(r)) is { } badRuntime)
            {
                return o with { Error = $"--runtimes takes {string.Join(", ", RuntimeJobs.Supported)}, got '{badRuntime}'" };
            }

            var table = LeakBench.Census.SocketTableSources.Default;
            if (result.GetResult(SocketTable) is not null)
            {
                var t = result.GetValue(SocketTable);
                if (!LeakBench.Census.SocketTableSources.TryParse(t, out table))
                {
                    return o with { Error = $"--socket-table takes proc or portable, got '{t}'" };
                }

                if (table == LeakBench.Census.SocketTableSource.Proc && !LeakBench.Census.SocketTable.IsAvailable)
                {
                    return o with { Error = $"--socket-table proc reads {LeakBench.Census.SocketTable.Tcp4Path}, which this OS does not have (Linux only); use portable" };
                }
            }

            Uri? target = null;
            if (result.GetResult(Target) is not null)
            {
                var t = result.GetValue(Target);
                if (!Uri.TryCreate(t, UriKind.Absolute, out target) || target.Scheme != Uri.UriSchemeHttp || target.AbsolutePath != "/")
                {
                    return o with { Error = $"--target needs the target's control URL, e.g. http://10.0.0.2:5002 (serve prints it as control=...), got '{t}'" };
                }
            }

            var server = result.GetValue(Server) ?? LeakBench.Target.TargetUrls.Kestrel;
            if (server is not (LeakBench.Target.TargetUrls.Kestrel or LeakBench.Target.TargetUrls.Nginx))
            {
                return o with { Error = $"--server takes kestrel or nginx, got '{server}'" };
            }

            if (server == LeakBench.Target.TargetUrls.Nginx && target is not null)
            {
                return o with { Error = "--server picks the server the study starts and --target names one started elsewhere: give one" };
            }

            var nginxTimeouts = result.GetValue(NginxTimeouts);
            if (result.GetResult(NginxTimeouts) is not null && (server != LeakBench.Target.TargetUrls.Nginx || nginxTimeouts is not (>= 1 and <= 3600)))
            {
                return o with { Error = server != LeakBench.Target.TargetUrls.Nginx ? "--nginx-timeouts sets nginx's timeouts: it needs --server nginx" : $"--nginx-timeouts needs a whole number of seconds from 1 to 3600, got '{nginxTimeouts}'" };
            }

            if (MarginOf(result) is not { } margin)
            {
                return o with { Error = MarginError(result) };
            }

            double? precision = null;
            if (result.GetResult(Precision) is not null)
            {
                if (!TryPercent(result.GetValue(Precision), LeakBench.Pairing.PrecisionTargets.Finest, LeakBench.Pairing.PrecisionTargets.Coarsest, out var asked))
                {
                    return o with { Error = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"--precision needs a percentage from {LeakBench.Pairing.PrecisionTargets.Finest * 100:0.###} to {LeakBench.Pairing.PrecisionTargets.Coarsest * 100:0.###}, e.g. --precision 2.5, got '{result.GetValue(Precision)}'") };
                }

                precision = asked;
            }

            var filters = result.GetValue(Filter) ?? [];
            if (filters.Any(string.IsNullOrWhiteSpace))
            {
                return o with { Error = "--filter needs a pattern, e.g. '*DisposeDrain*'" };
            }

            return CheckOut(
                o with
                {
                    Full = result.GetValue(Full),
                    RequestsOverride = requests,
                    Filters = filters,
                    Runtimes = runtimes,
                    Publish = result.GetValue(Publish),
                    WithSeed = result.GetValue(Seed),
                    SocketTable = table,
                    Target = target,
                    Server = server,
                    NginxTimeouts = nginxTimeouts is int seconds ? TimeSpan.FromSeconds(seconds) : null,
                    Margin = margin,
                    Precision = precision,
                    BenchmarkDotNetArguments = unmatched,
                },
                result);
        }

        /// <summary>
        /// Splits the arguments into LeakBench's and BenchmarkDotNet's before either parser sees them, as dotnet/performance's
        /// harness does: an option LeakBench does not know starts BenchmarkDotNet's part, and the values after an option
        /// belong to it. So '--filter A B --list flat' gives --filter both globs and BenchmarkDotNet '--list flat'.
        /// </summary>
        private static (string[] Own, string[] PassThrough) Split(IReadOnlyList<string> args)
        {
            var names = Root.Options.Concat(Root.Subcommands.SelectMany(c => c.Options))
                .SelectMany(o => o.Aliases.Prepend(o.Name)).ToHashSet(StringComparer.Ordinal);
            var own = new List<string>();
            var passThrough = new List<string>();
            var ours = true;
            for (var i = 0; i < args.Count; i++)
            {
                var arg = args[i];
                if (arg.StartsWith('-'))
                {
                    ours = names.Contains(arg.Split('=')[0]);
                }
                else if (i == 0)
                {
                    ours = true; // the command
                }

                (ours ? own : passThrough).Add(arg);
            }

            return ([.. own], [.. passThrough]);
        }

        /// <summary>A percentage ("5", "2.5" or "5%") as a fraction within [<paramref name="smallest"/>, <paramref name="largest"/>].</summary>
        private static bool TryPercent(string? text, double smallest, double largest, out double fraction)
        {
            fraction = 0;
            var trimmed = text?.Trim().TrimEnd('%');
            if (!double.TryParse(trimmed, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var percent) || !double.IsFinite(percent))
            {
                return false;
            }

            fraction = percent / 100;
            // A tolerance of rounding: "0.1" percent is 0.001 even where 0.1 / 100 comes out a hair below it.
            return fraction >= smallest - 1e-12 && fraction <= largest + 1e-12;
        }

        private static StudyOptions CheckOut(StudyOptions o, ParseResult result) =>
            result.GetResult(Out) is not null && string.IsNullOrWhiteSpace(result.GetValue(Out)) ? o with { Error = "--out needs a folder" } : o with { OutputDirectory = result.GetValue(Out) };

        /// <summary>serve's target options, in the target's own spelling (the same names), for the target to validate.</summary>
        private static string[] ServeArgumentsOf(ParseResult result)
        {
            var args = new List<string>();
            if (result.GetValue(Address) is { } address)
            {
                args.AddRange(["--address", address]);
            }

            if (result.GetValue(AllowRemote))
            {
                args.Add("--allow-remote");
            }

            foreach (var port in new[] { Port, H2cPort, ControlPort })
            {
                if (result.GetValue(port) is int n)
                {
                    args.AddRange([port.Name, n.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                }
            }

            return [.. args];
        }

        /// <summary>--margin as a fraction (5% when not given), the same for the study's verdicts and compare's; null when the value is not a percentage in range.</summary>
        private static double? MarginOf(ParseResult result) =>
            result.GetResult(Margin) is null ? LeakBench.Statistics.PracticalMargin.Default
            : TryPercent(result.GetValue(Margin), LeakBench.Statistics.PracticalMargin.Smallest, LeakBench.Statistics.PracticalMargin.Largest, out var margin) ? margin
            : null;

        private static string MarginError(ParseResult result) =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"--margin needs a percentage from {LeakBench.Statistics.PracticalMargin.Smallest * 100:0.###} to {LeakBench.Statistics.PracticalMargin.Largest * 100:0.###}, e.g. --margin 5, got '{result.GetValue(Margin)}'");

        private static StudyOptions CompareOptions(StudyOptions o, ParseResult result)
        {
            if (MarginOf(result) is not { } margin)
            {
                return o with { Error = "compare: " + MarginError(result) };
            }

            if (result.GetResult(Csv) is not null && string.IsNullOrWhiteSpace(result.GetValue(Csv)))
            {
                return o with { Error = "compare: --csv needs a file" };
            }

            return o with
            {
                CompareRuns = [result.GetValue(RunA)!, result.GetValue(RunB)!],
                Margin = margin,
                CompareCsv = result.GetValue(Csv),
            };
        }

        private static StudyOptions CheckSeconds(StudyOptions o) =>
            o.ServeSeconds is <= 0 or double.NaN ? o with { Error = $"--seconds needs a positive number, got '{o.ServeSeconds}'" } : o;
    }
}
