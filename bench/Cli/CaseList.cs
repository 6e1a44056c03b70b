using BenchmarkDotNet.ConsoleArguments.ListBenchmarks;
using BenchmarkDotNet.Running;

namespace LeakBench.Cli;

/// <summary>
/// --list flat|tree: the study's benchmarks after --filter and BenchmarkDotNet's category filters, named as
/// BenchmarkDotNet's own --list names them (Namespace.Class.Method, the names --filter matches). BenchmarkSwitcher
/// prints this list, but BenchmarkRunner, which the study uses to keep its config and run folder, does not.
/// </summary>
public static class CaseList
{
    public static IReadOnlyList<string> Names(IEnumerable<BenchmarkRunInfo> runs) =>
        runs.SelectMany(r => r.BenchmarksCases).Select(c => c.Descriptor.GetFilterName()).Distinct().ToList();

    public static string Format(IReadOnlyList<string> names, ListBenchmarkCaseMode mode) =>
        mode == ListBenchmarkCaseMode.Tree ? Tree(names) : string.Concat(names.Select(n => n + Environment.NewLine));

    /// <summary>One line per name part, nested by the dots, drawn as BenchmarkDotNet's tree printer draws it.</summary>
    private static string Tree(IReadOnlyList<string> names)
    {
        var roots = new List<Node>();
        foreach (var name in names)
        {
            var level = roots;
            foreach (var part in name.Split('.'))
            {
                var node = level.FirstOrDefault(n => n.Name == part);
                if (node is null)
                {
                    node = new Node(part);
                    level.Add(node);
                }

                level = node.Children;
            }
        }

        var text = new System.Text.StringBuilder();
        foreach (var root in roots)
        {
            Write(root, string.Empty, text);
        }

        return text.ToString();
    }

    private static void Write(Node node, string indent, System.Text.StringBuilder text)
    {
        text.AppendLine(node.Name);
        for (var i = 0; i < node.Children.Count; i++)
        {
            var last = i == node.Children.Count - 1;
            text.Append(indent).Append(last ? " └─" : " ├─");
            Write(node.Children[i], indent + (last ? "   " : " │ "), text);
        }
    }

    private sealed record Node(string Name)
    {
        public List<Node> Children { get; } = [];
    }
}
