namespace LeakBench.Seed;

/// <summary>
/// One of the Go article's four tests: five GETs, then whether the body is read to EOF and whether it is
/// closed (Go) / disposed (.NET). The article's numbering is kept: 1 neither, 2 close only, 3 read only, 4 both.
/// </summary>
public sealed record ArticleTest(int Number, bool Closes, bool ReadsToEnd)
{
    /// <summary>The article's loop count.</summary>
    public const int Requests = 5;

    public static readonly ArticleTest Test1 = new(1, Closes: false, ReadsToEnd: false);
    public static readonly ArticleTest Test2 = new(2, Closes: true, ReadsToEnd: false);
    public static readonly ArticleTest Test3 = new(3, Closes: false, ReadsToEnd: true);
    public static readonly ArticleTest Test4 = new(4, Closes: true, ReadsToEnd: true);

    public static readonly IReadOnlyList<ArticleTest> All = [Test1, Test2, Test3, Test4];

    /// <summary>The Go function's name in the article.</summary>
    public string Name => $"testFun{Number}";

    public static ArticleTest? FromNumber(int number) => All.FirstOrDefault(t => t.Number == number);
}
