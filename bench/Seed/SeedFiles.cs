namespace LeakBench.Seed;

/// <summary>The seed run's files in a run folder: its page, its table and its raw rows (the one a report reads back).</summary>
public static class SeedFiles
{
    public const string Markdown = "seed.md";

    public const string Csv = "seed.csv";

    public const string Json = "seed.json";
}
