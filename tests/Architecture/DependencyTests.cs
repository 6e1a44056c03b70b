using System.Reflection;
using NetArchTest.Rules;

namespace LeakBench.Tests.Architecture;

/// <summary>
/// One dependency direction between bench/'s folders (namespace LeakBench.Folder, sub-namespaces included): read from
/// the compiled assembly (types in signatures, fields, calls), so a 'using' or a fully qualified name counts alike. A
/// constant does not: the compiler copies its value into the user, and no reference is left to read.
/// </summary>
public class DependencyTests
{
    /// <summary>
    /// The intended layering, lowest first: a folder may use its own layer's folders and earlier layers', never a later
    /// layer's. Case model and rules ← measurement ← benchmarks ← reports ← commands; compare and verify read the
    /// run folder's schema (Runs, Reports) and sit with the commands.
    /// </summary>
    private static readonly string[][] Layers =
    [
        // Small pieces everything may use: statistics, child processes, the files shared with the target (server/).
        ["Statistics", "Processes", "Server"],
        // The target the cases run against, and its contract.
        ["Target"],
        // The case model and its rules.
        ["Cases"],
        // Measurement: the paired timing, the socket census (which holds a case's pairing), the other runtimes, the
        // analyzers' shapes, the seed.
        ["Pairing"],
        ["Census"],
        ["RuntimePairing", "Shapes", "Seed"],
        // The benchmarks BenchmarkDotNet runs, and the harness that runs them: the study's profile and BenchmarkDotNet config, and the census diagnoser that the config is given.
        ["Benchmarks"],
        ["Config"],
        ["Diagnostics"],
        // The report, and the run folder that holds what it is rendered from.
        ["Reports"],
        ["Runs"],
        // Commands: the study's own, and the ones that read a run folder back.
        ["Compare", "Verify", "Cli"],
    ];

    /// <summary>
    /// Uses of a later layer that remain, each with why; the list only shrinks (a listed use that is gone fails
    /// <see cref="No_folder_uses_a_later_layer"/> until it is removed here). With these edges taken out the folder graph
    /// must have no cycle (<see cref="No_two_folders_use_each_other"/>), and any other use of a later layer fails
    /// <see cref="No_folder_uses_a_later_layer"/>. What neither test sees is a new downward use that closes a cycle
    /// through one of these edges: one more reason for the list to shrink to nothing.
    /// </summary>
    private static readonly (string From, string To, string Why)[] LayerExceptions =
    [
        // The three uses of Reports below are one move: ReportFormat (number formats, BCL only), MarkdownTable/MarkdownColumn
        // and StudyCsvWriter.AppendRecord (one RFC 4180 record) belong in the lowest layer. Not moved yet: StudyCsvWriter and
        // the CSV records are being rewritten onto the run-folder schema (issue 31 item 1) at the same time.
        ("Cases", "Reports", "StudyCase's description prints a body size with ReportFormat.Size"),
        ("RuntimePairing", "Reports", "runtime_pairs.csv is written with StudyCsvWriter.AppendRecord and ReportFormat; RuntimePairStudy pairs and annotates the report's StudyRows"),
        ("Seed", "Reports", "seed.csv is written with StudyCsvWriter.AppendRecord, the seed's table with MarkdownTable, its numbers with ReportFormat"),
        // The census file carries a case's PairingSettings and PairedLatency and the census loop times with CallerTimer
        // (Census → Pairing, the kept direction); the pairing runner bounds its open sockets with the census's OS socket
        // readers (SocketTable, ProcSocketTable, ConnectionCounter, SocketCensus.FullGc), which belong below both.
        ("Pairing", "Census", "PairedLatencyRunner reads the OS socket table and forces the census's full GC"),
    ];

    private static readonly Assembly Bench = typeof(LeakBench.Cases.StudyCase).Assembly;

    private static readonly Lazy<IReadOnlyDictionary<(string From, string To), IReadOnlyList<string>>> Edges = new(ReadEdges);

    [Fact]
    public void Every_folder_of_bench_has_a_layer()
    {
        var layered = Layers.SelectMany(layer => layer).ToHashSet(StringComparer.Ordinal);
        var unlayered = Folders().Where(folder => !layered.Contains(folder)).ToList();
        Assert.True(unlayered.Count == 0, $"folders with no layer in {nameof(DependencyTests)}.{nameof(Layers)}: {string.Join(", ", unlayered)}");
        var gone = layered.Where(folder => !Folders().Contains(folder)).ToList();
        Assert.True(gone.Count == 0, $"layers name folders bench/ no longer has: {string.Join(", ", gone)}");
    }

    [Fact]
    public void The_dependency_reader_sees_a_known_use()
    {
        // Known answer: the benchmarks read the case catalog. If the reader saw nothing, the tests below would pass vacuously.
        Assert.True(Edges.Value.ContainsKey(("Benchmarks", "Cases")), Describe(Edges.Value));
    }

    [Fact]
    public void The_cycle_finder_names_the_folders_of_a_cycle()
    {
        // Known answer: A and B use each other, C is used by B only, D → E → F → D is a longer cycle.
        var cycles = Cycles([("A", "B"), ("B", "A"), ("B", "C"), ("D", "E"), ("E", "F"), ("F", "D"), ("F", "C")]);
        Assert.Equal(["A,B", "D,E,F"], cycles.Select(cycle => string.Join(",", cycle)).Order(StringComparer.Ordinal));
        Assert.Empty(Cycles([("A", "B"), ("B", "C"), ("A", "C")]));
    }

    [Fact]
    public void No_two_folders_use_each_other()
    {
        var excepted = LayerExceptions.Select(exception => (exception.From, exception.To)).ToHashSet();
        var cycles = Cycles(Edges.Value.Keys.Where(edge => !excepted.Contains(edge)));
        Assert.True(cycles.Count == 0, "folders that use each other (each group is one cycle):" + Environment.NewLine
            + string.Join(Environment.NewLine, cycles.Select(cycle => "  " + string.Join(" ↔ ", cycle) + ": "
                + string.Join("; ", Edges.Value.Where(edge => cycle.Contains(edge.Key.From) && cycle.Contains(edge.Key.To))
                    .Select(edge => $"{edge.Key.From} → {edge.Key.To} ({string.Join(", ", edge.Value.Take(3))})")))));
    }

    [Fact]
    public void No_folder_uses_a_later_layer()
    {
        var layerOf = Layers.SelectMany((layer, index) => layer.Select(folder => (folder, index)))
            .ToDictionary(entry => entry.folder, entry => entry.index, StringComparer.Ordinal);
        var allowed = LayerExceptions.Select(exception => (exception.From, exception.To)).ToHashSet();
        var upward = Edges.Value
            .Where(edge => layerOf.TryGetValue(edge.Key.From, out var from) && layerOf.TryGetValue(edge.Key.To, out var to) && to > from)
            .Where(edge => !allowed.Contains(edge.Key))
            .Select(edge => $"  {edge.Key.From} → {edge.Key.To} ({string.Join(", ", edge.Value.Take(3))})")
            .ToList();
        Assert.True(upward.Count == 0, "folders that use a later layer:" + Environment.NewLine + string.Join(Environment.NewLine, upward));
        var stale = LayerExceptions.Where(exception => !Edges.Value.ContainsKey((exception.From, exception.To))).ToList();
        Assert.True(stale.Count == 0, "exceptions no longer needed (remove them): " + string.Join(", ", stale.Select(exception => $"{exception.From} → {exception.To}")));
    }

    /// <summary>The first segment under LeakBench of every namespace the assembly has: bench/'s folders.</summary>
    private static SortedSet<string> Folders() => new(
        Bench.GetTypes()
            .Select(type => type.Namespace)
            .OfType<string>()
            .Where(name => name.StartsWith("LeakBench.", StringComparison.Ordinal))
            .Select(name => name.Split('.')[1]),
        StringComparer.Ordinal);

    /// <summary>Folder → folder, with the types of the first that use the second.</summary>
    private static Dictionary<(string From, string To), IReadOnlyList<string>> ReadEdges()
    {
        var folders = Folders();
        var types = Types.InAssembly(Bench);
        var edges = new Dictionary<(string From, string To), IReadOnlyList<string>>();
        foreach (var from in folders)
        {
            foreach (var to in folders.Where(to => to != from))
            {
                // Trailing dots: a folder's namespace and its sub-namespaces, not a sibling whose name starts the same.
                var users = types.That().ResideInNamespace($"LeakBench.{from}").And().HaveDependencyOn($"LeakBench.{to}.").GetTypes()
                    .Concat(types.That().ResideInNamespace($"LeakBench.{from}").And().HaveDependencyOn($"LeakBench.{to}").GetTypes())
                    .Where(type => InFolder(type.Namespace, from))
                    .Select(type => type.FullName ?? type.Name)
                    .Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (users.Count > 0)
                {
                    edges[(from, to)] = users;
                }
            }
        }

        return edges;
    }

    private static bool InFolder(string? name, string folder) =>
        name is not null && (name == $"LeakBench.{folder}" || name.StartsWith($"LeakBench.{folder}.", StringComparison.Ordinal));

    /// <summary>Strongly connected components of more than one folder (Tarjan): each is a set of folders in a cycle.</summary>
    private static List<SortedSet<string>> Cycles(IEnumerable<(string From, string To)> edges)
    {
        var next = edges.GroupBy(edge => edge.From).ToDictionary(group => group.Key, group => group.Select(edge => edge.To).ToList());
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var found = new List<SortedSet<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var to in next.GetValueOrDefault(node) ?? [])
            {
                if (!index.TryGetValue(to, out var toIndex))
                {
                    Visit(to);
                    low[node] = Math.Min(low[node], low[to]);
                }
                else if (onStack.Contains(to))
                {
                    low[node] = Math.Min(low[node], toIndex);
                }
            }

            if (low[node] == index[node])
            {
                var component = new SortedSet<string>(StringComparer.Ordinal);
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                if (component.Count > 1)
                {
                    found.Add(component);
                }
            }
        }

        foreach (var node in next.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return found;
    }

    private static string Describe(IReadOnlyDictionary<(string From, string To), IReadOnlyList<string>> edges) =>
        "edges read: " + string.Join(", ", edges.Keys.Select(edge => $"{edge.From} → {edge.To}"));
}
