namespace LeakBench.Tests.Runtimes;

/// <summary>
/// The dotnet root tests share one built root and run alone: they download and unpack about 200 MB
/// and build a project, which should not compete with the measuring tests on a two-core machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DotnetRootTestGroup : ICollectionFixture<DotnetRootFixture>
{
    public const string Name = "DotnetRoot";
}
