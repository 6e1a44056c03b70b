using LeakBench.Seed;

namespace LeakBench.Tests.Seed;

/// <summary>"What this shows" is computed from the rows: each test changes a number and checks that the text follows.</summary>
public sealed class SeedFindingsTests
{
    [Fact]
    public void Article_numbers_give_the_Go_test1_against_test3_sentence()
    {
        var text = SeedFindings.Paragraph(SeedSamples.Article());

        Assert.Contains("Go (go1.19.8, 1 KiB body): testFun1 (no Close, no read) left 11 goroutines and 5 connections open; testFun3 (read to EOF, no Close) left 3 goroutines and 1 connection.", text, StringComparison.Ordinal);
        Assert.Contains("each of the 5 requests dialed its own; reading to EOF let them share 1 connection.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_Go_test1_count_changes_the_sentence()
    {
        var text = SeedFindings.Paragraph(SeedSamples.ArticleWith(1, 1024, l => l with { GoGoroutines = 7, GoConns = 3 }));

        Assert.Contains("testFun1 (no Close, no read) left 7 goroutines and 3 connections open", text, StringComparison.Ordinal);
        Assert.DoesNotContain("dialed its own", text, StringComparison.Ordinal);
        Assert.Contains("Reading to EOF left 2 fewer.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Goroutines_equal_two_per_connection_plus_main_in_the_article_numbers()
    {
        Assert.Contains("In all 8 Go runs, goroutines = 2 × open connections + 1", SeedFindings.Paragraph(SeedSamples.Article()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_off_the_two_per_connection_rule_is_named()
    {
        var text = SeedFindings.Paragraph(SeedSamples.ArticleWith(2, 1024, l => l with { GoGoroutines = 3 }));

        Assert.DoesNotContain("In all 8 Go runs", text, StringComparison.Ordinal);
        Assert.Contains("Goroutines are not 2 × open connections + 1 in: testFun2 1 KiB (3 goroutines, 0 connections).", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Dotnet_test1_reclaimed_by_the_GC_says_so_and_one_not_reclaimed_says_so()
    {
        var reclaimed = SeedFindings.Paragraph(SeedSamples.Article());
        var kept = SeedFindings.Paragraph(SeedSamples.ArticleWith(1, 1024, l => l with { HdrAfter = 5 }));

        Assert.Contains("left 5 connections open after the settle and 0 after a forced full GC; finalizers closed 5, so this leak lasts until a GC runs.", reclaimed, StringComparison.Ordinal);
        Assert.Contains("left 5 connections open after the settle and 5 after a forced full GC; the GC closed none of them.", kept, StringComparison.Ordinal);
        Assert.Contains("The other three tests each left 1 connection.", reclaimed, StringComparison.Ordinal);
    }

    [Fact]
    public void Dotnet_default_all_equal_is_one_sentence_and_a_difference_lists_the_counts()
    {
        var equal = SeedFindings.Paragraph(SeedSamples.Article());
        var differs = SeedFindings.Paragraph(SeedSamples.ArticleWith(1, 2097152, l => l with { DefBefore = 2 }));

        Assert.Contains("every test left 1 connection at 1 KiB and 2 MiB", equal, StringComparison.Ordinal);
        Assert.DoesNotContain("every test left", differs, StringComparison.Ordinal);
        Assert.Contains("testFun1 2 MiB 2", differs, StringComparison.Ordinal);
    }

    [Fact]
    public void Go_and_dotnet_agreement_is_per_test_and_follows_the_numbers()
    {
        var article = SeedFindings.Paragraph(SeedSamples.Article());
        var agreeing = SeedFindings.Paragraph(SeedSamples.ArticleWith(2, 1024, l => l with { HdrBefore = 0 }));

        Assert.Contains("At 1 KiB, Go and .NET with ResponseHeadersRead left the same number of connections in testFun1, testFun3 and testFun4 and differ in testFun2 (Go 0, .NET 1).", article, StringComparison.Ordinal);
        Assert.Contains("At 2 MiB, Go and .NET with ResponseHeadersRead left the same number of connections in all four tests.", article, StringComparison.Ordinal);
        Assert.Contains("At 1 KiB, Go and .NET with ResponseHeadersRead left the same number of connections in all four tests.", agreeing, StringComparison.Ordinal);
    }

    [Fact]
    public void Size_change_of_dispose_without_read_names_the_drain_limit_and_no_change_says_none()
    {
        var article = SeedFindings.Paragraph(SeedSamples.Article());
        var unchanged = SeedFindings.Paragraph(SeedSamples.ArticleWith(2, 2097152, l => l with { HdrBefore = 1 }));

        Assert.Contains("From 1 KiB to 2 MiB bodies, these connection counts changed: .NET ResponseHeadersRead testFun2 1 → 0.", article, StringComparison.Ordinal);
        Assert.Contains("above the handler's 1 MiB drain limit", article, StringComparison.Ordinal);
        Assert.Contains("From 1 KiB to 2 MiB bodies, no connection count changed.", unchanged, StringComparison.Ordinal);
        Assert.DoesNotContain("drain limit", unchanged, StringComparison.Ordinal);
    }

    [Fact]
    public void Gcs_before_the_count_are_reported_and_flagged_where_they_can_hide_a_leak()
    {
        var none = SeedFindings.Paragraph(SeedSamples.Article());
        var harmless = SeedFindings.Paragraph(SeedSamples.ArticleWith(3, 2097152, l => l with { HdrGcs = 3, DefGcs = 1 }));
        var hiding = SeedFindings.Paragraph(SeedSamples.ArticleWith(1, 1024, l => l with { HdrGcs = 2 }));

        Assert.Contains("No .NET run had a garbage collection before its first count", none, StringComparison.Ordinal);
        Assert.Contains("before the first count in 2 of the 16 .NET runs (testFun3 ResponseHeadersRead 2 MiB: 3, testFun3 GetAsync 2 MiB: 1); none of them left a response undisposed and unread", harmless, StringComparison.Ordinal);
        Assert.Contains("in testFun1 ResponseHeadersRead 1 KiB that GC may have finalized leaked connections before the count", hiding, StringComparison.Ordinal);
    }

    [Fact]
    public void Threads_sentence_names_the_measured_range_and_the_extreme_runs()
    {
        var text = SeedFindings.Paragraph(SeedSamples.ArticleWith(1, 1024, l => l with { HdrThreads = 40 }));

        Assert.Contains(".NET threads ranged from 12 to 40 across the 16 .NET runs", text, StringComparison.Ordinal);
        Assert.Contains("(testFun1 ResponseHeadersRead 1 KiB, 5) had 40 threads", text, StringComparison.Ordinal);
        Assert.Contains("Go goroutines ranged from 1 to 11.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void One_process_counts_are_compared_with_the_separate_processes()
    {
        var carried = SeedFindings.Paragraph(SeedSamples.Article());
        var same = SeedFindings.Paragraph(SeedSamples.Result(SeedSamples.ArticleLines(), "go1.19.8", [11, 1, 3, 3]));

        Assert.Contains("the four tests printed 11 / 11 / 13 / 13 goroutines, against 11 / 1 / 3 / 3 each in its own process: the leaks of the earlier tests carry into the later ones", carried, StringComparison.Ordinal);
        Assert.Contains("printed 11 / 1 / 3 / 3 goroutines, against 11 / 1 / 3 / 3 each in its own process: the same.", same, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_go_the_paragraph_says_go_not_installed_and_makes_no_Go_claim()
    {
        var text = SeedFindings.Paragraph(SeedSamples.Article(goVersion: null));

        Assert.Contains("go not installed", text, StringComparison.Ordinal);
        Assert.DoesNotContain("goroutines", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Go and .NET", text, StringComparison.Ordinal);
        Assert.Contains(".NET with ResponseHeadersRead (1 KiB)", text, StringComparison.Ordinal);
    }
}
