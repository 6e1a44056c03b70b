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
    /// <summary>Where BenchmarkDotNet documents the options that pass through.</summary>
    public const string BenchmarkDotNetOptionsUrl = "https://benchmarkdotnet.org/articles/guides/console-args.html";

    public string Command { get; init; } = "study";
    public bool ShowHelp { get; init; }
    public bool Full { get; init; }

    /// <summary>The run's settings profile, chosen here once: Publish with --full, else Quick. Every consumer reads it.</summary>
    public StudyProfile Profile => StudyProfile.For(Full);

    /// <summary>--requests; null means the profile's (<see cref="StudyProfile.CensusRequests"/>).</summary>
    public int? RequestsOverride { get; init; }

    public int CensusRequests => RequestsOverride ?? Profile.CensusRequests;

    /// <summary>The census size for bodies of 1 MiB or more: the profile's (<see cref="StudyProfile.LargeBodyCensusRequests"/>); --requests sets every case's.</summary>
    public int LargeBodyCensusRequests => RequestsOverride ?? Profile.LargeBodyCensusRequests;
    public IReadOnlyList<string> Filters { get; init; } = [];
    public IReadOnlyList<string> Runtimes { get; init; } = [];
    public string? OutputDirectory { get; init; }
    public bool Publish { get; init; }
    public bool WithSeed { get; init; }
    public double? ServeSeconds { get; init; }

    /// <summary>verify's and report's RUN_FOLDER: the run folder whose figures they recompute or render.</summary>
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

    /// <summary>The exit code of bad input, which <see cref="Refuse"/> returns.</summary>
    public const int BadInputExitCode = 2;

    /// <summary>Bad input's one line on <paramref name="error"/> (the message and where the options are listed); returns <see cref="BadInputExitCode"/>.</summary>
    public int Refuse(TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        error.WriteLine($"leakbench: {Error}; run with {(Command == "study" ? "" : Command + " ")}--help for the options");
        return BadInputExitCode;
    }

    /// <summary>One command's parser definition, its options and arguments (the bad-input test tries each option).</summary>
    public static Command CommandOf(string command) => Parser.CommandNamed(command);

    /// <summary>The range and message of a number option; null for any other option.</summary>
    public static NumberOption? NumberOptionOf(Option option) => Parser.NumberOf(option);

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
        private static readonly NumberOption Requests = new("--requests", "N", "a whole number", 1, 1_000_000, $"census requests per case (default {StudyProfile.Quick.CensusRequests} quick, {StudyProfile.Publish.CensusRequests} with --full)", whole: true);

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

        private static readonly NumberOption NginxTimeouts = new("--nginx-timeouts", "S", "a whole number of seconds", 1, 3600, "with --server nginx: keepalive_timeout and send_timeout of S seconds instead of nginx's 75 and 60, so that nginx closes leaked connections first", whole: true);

        private static readonly NumberOption Margin = NumberOption.Percentage(
            "--margin",
            LeakBench.Statistics.PracticalMargin.Smallest,
            LeakBench.Statistics.PracticalMargin.Largest,
            "the practical margin of every latency verdict, in percent (default 5): 'no practical difference' only when the bounds lie within ±PERCENT, 'slower'/'faster' only when wholly beyond it");

        private static readonly NumberOption Precision = NumberOption.Percentage(
            "--precision",
            LeakBench.Pairing.PrecisionTargets.Finest,
            LeakBench.Pairing.PrecisionTargets.Coarsest,
            "the half-width, in percent, that the pairing keeps adding block pairs for (up to each case's time cap) in every case; default by case: plaintext up to 256 KiB 1 (--full) or 2.5, larger bodies and TLS 2.5 (--full) or 5");

        // Up to 1,000,000 s (11.6 days): a timer takes at most 2^31 - 1 ms, and 1e300 seconds overflowed into an internal error.
        private static readonly NumberOption Seconds = new("--seconds", "S", "a number of seconds", 0.1, 1_000_000, "stop after S seconds of serving");
        private static readonly Option<string> Address = new("--address") { HelpName = "IP", Description = "the address to bind (default 127.0.0.1); anything but loopback needs --allow-remote" };
        private static readonly Option<bool> AllowRemote = new("--allow-remote") { Description = "serve other hosts (a study elsewhere runs against this target with --target CONTROL-URL)" };
        private static readonly NumberOption Port = NumberOption.PortNumber("--port", "fixed HTTP/1.1 port");
        private static readonly NumberOption H2cPort = NumberOption.PortNumber("--h2c-port", "fixed h2c port");
        private static readonly NumberOption ControlPort = NumberOption.PortNumber("--control-port", "fixed control port, the URL --target takes");

        private static readonly NumberOption[] Ports = [Port, H2cPort, ControlPort];

        /// <summary>Every number option of every command, to find one by its System.CommandLine option.</summary>
        private static readonly NumberOption[] Numbers = [Requests, Margin, Precision, Seconds, .. Ports];

        public static NumberOption? NumberOf(Option option) => Numbers.FirstOrDefault(n => n.Option == option);

        private static readonly Argument<string> RunA = new("A") { Description = "the first run folder (results/<run> or artifacts/study-<timestamp>)" };
        private static readonly Argument<string> RunB = new("B") { Description = "the second run folder, compared against A" };
        // Nothing is written unless asked: the runs compared are often published folders, which a comparison must not touch.
        private static readonly Option<string> Csv = new("--csv") { HelpName = "FILE", Description = "also write the comparison as CSV to FILE (none is written otherwise)" };
        private static readonly Argument<string> RunFolderArgument = new("RUN_FOLDER") { Description = "a run folder (--out, artifacts/study-..., or results/...) with its report.csv, pairs.csv, aa.csv and census/" };

        private static readonly Option<string> ReportOut = new("--out") { HelpName = "DIR", Description = "where the rendered files go (default: the run folder itself; its raw files are never changed)" };

        public static readonly RootCommand Root = Build();

        private static RootCommand Build()
        {
            var serve = new Command("serve", "start the Kestrel target (on loopback unless --allow-remote) and print its URLs until Ctrl+C") { Seconds.Option, Address, AllowRemote, Port.Option, H2cPort.Option, ControlPort.Option };
            var seed = new Command("seed", "reproduce the Go article's four tests next to .NET") { Out };
            var compare = new Command("compare", "compare two run folders: socket verdicts, connections, allocation and each case's paired latency ratio in A against B; exit 0 when nothing changed beyond the margin, 1 when something did, 2 for bad input") { RunA, RunB, Margin.Option, Csv };
            var verify = new Command("verify", "recompute a run's ratios, bounds, margins and verdicts from its raw files and compare them with its report.csv (exit 0 all match, 1 a mismatch, 2 not a run, 3 raw data missing, 4 rendered by another LeakBench: report refreshes it)") { RunFolderArgument };
            var report = new Command("report", "render a run folder's report (report.md, report.csv, charts) again from its raw files with this LeakBench; a run published before run.json gets one built from what it has") { RunFolderArgument, ReportOut };
            var root = new RootCommand("LeakBench: what not disposing or not draining HttpResponseMessage costs, measured. The default command is the study.")
            {
                Full, Quick, Requests.Option, Filter, Runtimes, Out, Seed, Publish, SocketTable, Target, Server, NginxTimeouts.Option, Margin.Option, Precision.Option, serve, seed, compare, verify, report,
            };

            // The study hands what it does not know to BenchmarkDotNet; seed and serve take nothing else.
            root.TreatUnmatchedTokensAsErrors = false;

            // Parsing only: Program runs the commands. An action keeps "no subcommand" (the study) from being an error.
            root.SetAction(_ => 0);
            serve.SetAction(_ => 0);
            seed.SetAction(_ => 0);
            compare.SetAction(_ => 0);
            verify.SetAction(_ => 0);
            report.SetAction(_ => 0);
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
            if (result.Errors.Count > 0 && Explain(result.Errors[0], result, command) is { } explained)
            {
                return o with { Error = command == Root ? explained : $"{name}: {explained}" };
            }

            if (result.Errors.Count > 0 || (command != Root && unmatched.Count > 0))
            {
                var unknown = result.Errors.Count > 0 ? result.Errors[0].Message : $"unknown option or argument '{unmatched[0]}'";
                var takes = string.Join(", ", command.Arguments.Select(a => a.Name).Concat(command.Options.Where(opt => !opt.Hidden).Select(opt => opt.Name)));
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

            if (name == "report")
            {
                return o with { VerifyFolder = result.GetValue(RunFolderArgument), OutputDirectory = result.GetValue(ReportOut) };
            }

            if (name == "serve")
            {
                return ServeOptions(o, result);
            }

            if (command != Root)
            {
                return CheckOut(o with { OutputDirectory = result.GetValue(Out) }, result);
            }

            if (result.GetValue(Full) && result.GetValue(Quick))
            {
                return o with { Error = "--full and --quick pick different jobs: give one" };
            }

            var (requests, requestsError) = Requests.Read(result);
            if (requestsError is not null)
            {
                return o with { Error = requestsError };
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

            var (nginxTimeouts, nginxTimeoutsError) = NginxTimeouts.Read(result);
            if (nginxTimeoutsError is not null || (nginxTimeouts is not null && server != LeakBench.Target.TargetUrls.Nginx))
            {
                return o with { Error = nginxTimeoutsError ?? "--nginx-timeouts sets nginx's timeouts: it needs --server nginx" };
            }

            var (margin, marginError) = Margin.Read(result);
            var (precision, precisionError) = Precision.Read(result);
            if ((marginError ?? precisionError) is { } percentError)
            {
                return o with { Error = percentError };
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
                    RequestsOverride = (int?)requests,
                    Filters = filters,
                    Runtimes = runtimes,
                    Publish = result.GetValue(Publish),
                    WithSeed = result.GetValue(Seed),
                    SocketTable = table,
                    Target = target,
                    Server = server,
                    NginxTimeouts = nginxTimeouts is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                    Margin = margin ?? LeakBench.Statistics.PracticalMargin.Default,
                    Precision = precision,
                    BenchmarkDotNetArguments = unmatched,
                },
                result);
        }

        /// <summary>
        /// System.CommandLine's message in the user's terms where it has one: an option or a command given without its
        /// value says what the value is (not "Required argument missing"). Null: the parser's message stands.
        /// </summary>
        private static string? Explain(ParseError error, ParseResult result, Command command)
        {
            var option = error.SymbolResult switch
            {
                OptionResult r => r.Option,
                ArgumentResult { Parent: OptionResult r } => r.Option,
                _ => null,
            };
            if (option is not null && (error.SymbolResult?.Tokens.Count ?? 0) == 0)
            {
                return NumberOf(option)?.ErrorFor(null) ?? $"{option.Name} needs a value ({option.HelpName})";
            }

            var notGiven = command.Arguments.Where(a => result.GetResult(a) is not ArgumentResult { Tokens.Count: > 0 }).ToList();
            return error.SymbolResult is ArgumentResult or CommandResult && notGiven.Count > 0
                ? $"needs {string.Join(" and ", notGiven.Select(a => a.Name))} ({string.Join("; ", notGiven.Select(a => $"{a.Name}: {a.Description}"))})"
                : null;
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
                // A negative number is a value of the option before it (--requests -1 is a bad count, not a missing one).
                if (arg.StartsWith('-') && !NumberOption.IsNegativeNumber(arg))
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

        private static StudyOptions CheckOut(StudyOptions o, ParseResult result) =>
            result.GetResult(Out) is not null && string.IsNullOrWhiteSpace(result.GetValue(Out)) ? o with { Error = "--out needs a folder" } : o with { OutputDirectory = result.GetValue(Out) };

        private static StudyOptions ServeOptions(StudyOptions o, ParseResult result)
        {
            var (seconds, secondsError) = Seconds.Read(result);
            if ((secondsError ?? Ports.Select(p => p.Read(result).Error).FirstOrDefault(e => e is not null)) is { } error)
            {
                return o with { Error = $"serve: {error}" };
            }

            return o with { ServeSeconds = seconds, ServeArguments = ServeArgumentsOf(result) };
        }

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

            foreach (var port in Ports)
            {
                if (port.Read(result).Value is double n)
                {
                    args.AddRange([port.Name, n.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                }
            }

            return [.. args];
        }

        private static StudyOptions CompareOptions(StudyOptions o, ParseResult result)
        {
            var (margin, marginError) = Margin.Read(result);
            if (marginError is not null)
            {
                return o with { Error = "compare: " + marginError };
            }

            if (result.GetResult(Csv) is not null && string.IsNullOrWhiteSpace(result.GetValue(Csv)))
            {
                return o with { Error = "compare: --csv needs a file" };
            }

            return o with
            {
                CompareRuns = [result.GetValue(RunA)!, result.GetValue(RunB)!],
                Margin = margin ?? LeakBench.Statistics.PracticalMargin.Default,
                CompareCsv = result.GetValue(Csv),
            };
        }
    }
}
