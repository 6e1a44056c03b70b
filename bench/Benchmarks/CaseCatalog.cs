using System.Reflection;
using BenchmarkDotNet.Running;
using LeakBench.Cases;

namespace LeakBench.Benchmarks;

/// <summary>
/// The host's reading of a benchmark case: the method's <see cref="CaseAttribute"/> plus what the
/// benchmark class makes of its parameter values (<see cref="RequestBenchmarks.Describe"/>). The host
/// hands the result to the benchmark process (<see cref="CaseChannel"/>) and to the report.
/// </summary>
public static class CaseCatalog
{
    /// <summary>What <paramref name="benchmarkCase"/> does.</summary>
    public static StudyCase Of(BenchmarkCase benchmarkCase)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        return Describe(benchmarkCase, benchmarkCase.Descriptor.WorkloadMethod);
    }

    /// <summary>
    /// What the baseline of <paramref name="benchmarkCase"/>'s group does: the class's baseline method with
    /// the same parameter values. Null when the class has no baseline.
    /// </summary>
    public static StudyCase? BaselineOf(BenchmarkCase benchmarkCase)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var baseline = benchmarkCase.Descriptor.Type.GetMethods()
            .FirstOrDefault(m => m.GetCustomAttribute<BenchmarkDotNet.Attributes.BenchmarkAttribute>() is { Baseline: true });
        return baseline is null ? null : Describe(benchmarkCase, baseline);
    }

    /// <summary>The census size of <paramref name="benchmarkCase"/>'s class for a study of <paramref name="studyRequests"/> census requests.</summary>
    public static int CensusRequestsOf(BenchmarkCase benchmarkCase, int studyRequests)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        return Activator.CreateInstance(benchmarkCase.Descriptor.Type) is RequestBenchmarks benchmarks
            ? benchmarks.CensusRequestsFor(studyRequests)
            : studyRequests;
    }

    private static StudyCase Describe(BenchmarkCase benchmarkCase, MethodInfo method)
    {
        var type = benchmarkCase.Descriptor.Type;
        var declared = method.GetCustomAttribute<CaseAttribute>()
            ?? throw new InvalidOperationException($"{type.Name}.{method.Name} has no [Case(...)]: every study benchmark declares what it does");
        if (Activator.CreateInstance(type) is not RequestBenchmarks benchmarks)
        {
            throw new InvalidOperationException($"{type.Name} is not a {nameof(RequestBenchmarks)}");
        }

        // The parameter values of this case, set as BenchmarkDotNet sets them in the benchmark process.
        foreach (var parameter in benchmarkCase.Parameters.Items)
        {
            if (type.GetProperty(parameter.Name) is { CanWrite: true } property)
            {
                property.SetValue(benchmarks, parameter.Value);
            }
            else if (type.GetField(parameter.Name) is { } field)
            {
                field.SetValue(benchmarks, parameter.Value);
            }
        }

        return benchmarks.Describe(declared.ToCase());
    }
}
