using LeakBench.Runs;

namespace LeakBench.Cli;

/// <summary>
/// <c>report RUN_FOLDER [--out DIR]</c>: renders a run folder's report again from its raw files with this LeakBench
/// (<see cref="ReportRenderer"/>). A run published before run.json existed gets one, built once from what it has
/// (<see cref="ManifestMigration"/>) and added to the folder. Raw files are never changed.
/// </summary>
public static class ReportCommand
{
    public static int Run(string folder, string? outDirectory, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            var full = Path.GetFullPath(folder);
            if (!Directory.Exists(full))
            {
                throw new RunFolderException($"{folder} is not a run folder: {(File.Exists(full) ? "it is a file (give the folder that holds run.json or report.csv)" : "no such folder")}");
            }

            var manifest = RunManifest.TryRead(full);
            var migrated = manifest is null;
            manifest ??= ManifestMigration.Build(full);
            // Read before anything is written: a folder that cannot be rendered is left as it was.
            var data = RunFolderReader.Read(full, manifest);
            if (migrated)
            {
                manifest.Write(full);
                output.WriteLine($"leakbench report: {folder} had no {RunManifest.FileName}; built one from its report.csv, BenchmarkDotNet's JSON and its old report.md");
            }

            var target = outDirectory is null ? full : Path.GetFullPath(outDirectory);
            var markdown = ReportRenderer.Write(data, target);
            output.WriteLine($"leakbench report: {data.Rows.Count} row(s) rendered into {markdown} (report format {RenderStamp.Format}, commit {RenderStamp.Commit})");
            return 0;
        }
        catch (RunFolderException e)
        {
            error.WriteLine($"leakbench report: {e.Message}");
            return 2;
        }
    }
}
