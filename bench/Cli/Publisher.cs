using System.Globalization;
using System.Text.RegularExpressions;

namespace LeakBench.Cli;

/// <summary>
/// --publish: copies what a reader needs from a run folder into results/&lt;date&gt;-&lt;os&gt;-&lt;cpu&gt;/ — the files of
/// <see cref="LeakBench.Runs.RunFiles"/> (raw and rendered), the charts, the census files and BenchmarkDotNet's own exports and log —
/// and never overwrites a folder that exists (a second publication the same day gets a suffix).
/// </summary>
public static partial class Publisher
{
    public static string Publish(string runFolder, string resultsRoot, DateTime date, string os, string cpu, string? tag = null)
    {
        var name = string.Join('-', new[] { date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Slug(os, 12), CpuShort(cpu), tag }.Where(p => !string.IsNullOrEmpty(p)));
        var target = Path.Combine(resultsRoot, name);
        for (var n = 2; Directory.Exists(target); n++)
        {
            target = Path.Combine(resultsRoot, string.Create(CultureInfo.InvariantCulture, $"{name}-{n}"));
        }

        Directory.CreateDirectory(target);
        foreach (var file in LeakBench.Runs.RunFiles.Published)
        {
            var source = Path.Combine(runFolder, file);
            if (File.Exists(source))
            {
                File.Copy(source, Path.Combine(target, file));
            }
        }

        CopyTree(Path.Combine(runFolder, "charts"), Path.Combine(target, "charts"));
        CopyTree(Path.Combine(runFolder, "census"), Path.Combine(target, "census"));
        CopyTree(Path.Combine(runFolder, "bdn", "results"), Path.Combine(target, "bdn"));
        foreach (var log in Directory.Exists(Path.Combine(runFolder, "bdn")) ? Directory.GetFiles(Path.Combine(runFolder, "bdn"), "*.log") : [])
        {
            File.Copy(log, Path.Combine(target, "bdn", Path.GetFileName(log)));
        }

        return target;
    }

    /// <summary>"Intel Xeon Processor 2.50GHz, 1 CPU, 2 logical and 2 physical cores" gives "xeon-2-50ghz": the model, without the vendor's filler words.</summary>
    public static string CpuShort(string cpu)
    {
        string[] filler = ["intel", "amd", "processor", "cpu", "(r)", "(tm)", "with", "radeon", "graphics"];
        var model = cpu.Split(',')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(word => !filler.Contains(word.ToLowerInvariant()));
        return Slug(string.Join(' ', model), 24);
    }

    /// <summary>"Intel Xeon Processor 2.50GHz" gives "intel-xeon-processor-2-50ghz", cut at a word within <paramref name="max"/> characters.</summary>
    public static string Slug(string text, int max)
    {
        var slug = NonAlphanumeric().Replace(text.ToLowerInvariant(), "-").Trim('-');
        if (slug.Length <= max)
        {
            return slug;
        }

        var cut = slug.LastIndexOf('-', max);
        return (cut > 0 ? slug[..cut] : slug[..max]).Trim('-');
    }

    private static void CopyTree(string source, string target)
    {
        if (!Directory.Exists(source))
        {
            return;
        }

        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(source))
        {
            CopyTree(directory, Path.Combine(target, Path.GetFileName(directory)));
        }
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonAlphanumeric();
}
