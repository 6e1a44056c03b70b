using System.Net;
using LeakBench.Cases;
using LeakBench.Census;
using LeakBench.Seed;

namespace LeakBench.Tests.Seed;

/// <summary>The seed's plain parsers: worker arguments, the Go program's output, socket ownership, the worker's line.</summary>
public sealed class SeedParsingTests
{
    [Fact]
    public void Worker_arguments_parse_and_round_trip()
    {
        var parsed = SeedWorkerArguments.Parse(["--test", "3", "--mode", "headers", "--size", "2097152", "--url", "http://127.0.0.1:5000/"]);

        Assert.Null(parsed.Error);
        Assert.Equal(ArticleTest.Test3, parsed.Test);
        Assert.Equal(HttpCompletionOption.ResponseHeadersRead, parsed.Completion);
        Assert.Equal(new Uri("http://127.0.0.1:5000/bytes/2097152"), parsed.Pattern.Uri);
        // testFun3 reads to EOF and does not Close: the same request as the study's undisposed full drain.
        Assert.Equal((HttpCompletionOption.ResponseHeadersRead, false, Drain.Full, 2097152L), (parsed.Pattern.Completion, parsed.Pattern.Dispose, parsed.Pattern.Drain, parsed.Pattern.ExpectedBytes));
        Assert.Equal(parsed, SeedWorkerArguments.Parse([.. parsed.ToArguments().Skip(1)]));
        Assert.Equal(SeedWorkerArguments.Command, parsed.ToArguments()[0]);
    }

    [Theory]
    [InlineData("--test 5 --mode default --size 1024 --url http://127.0.0.1:1/", "--test needs 1, 2, 3 or 4")]
    [InlineData("--test 1 --mode stream --size 1024 --url http://127.0.0.1:1/", "--mode needs 'default' or 'headers'")]
    [InlineData("--test 1 --mode default --size 0 --url http://127.0.0.1:1/", "--size needs a positive number")]
    [InlineData("--test 1 --mode default --size 1024 --url http://example.com/", "--url needs the target's http:// loopback URL")]
    [InlineData("--test 1 --mode default --size 1024", "all of --test, --mode, --size and --url are required")]
    [InlineData("--test 1 --bogus x", "unknown argument '--bogus'")]
    public void Bad_worker_arguments_say_what_is_wrong(string args, string error)
    {
        var parsed = SeedWorkerArguments.Parse(args.Split(' '));

        Assert.NotNull(parsed.Error);
        Assert.StartsWith(error, parsed.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("testFun1() 当前goroutine数量= 11", 1, 11)]
    [InlineData("testFun4() 当前goroutine数量= 3", 4, 3)]
    [InlineData("testFun2() 当前goroutine数量=1", 2, 1)]
    public void Go_count_lines_of_the_article_parse(string line, int test, int goroutines) =>
        Assert.Equal((test, goroutines), GoOutput.TryParseCount(line));

    [Theory]
    [InlineData("testFun5() 当前goroutine数量= 11")]
    [InlineData("testFun1() goroutines= 11")]
    [InlineData("LEAKBENCH_GO_WAITING version=go1.19.8 pid=1")]
    public void Other_lines_are_not_count_lines(string line) => Assert.Null(GoOutput.TryParseCount(line));

    [Fact]
    public void Go_error_and_waiting_lines_parse()
    {
        Assert.True(GoOutput.IsRequestError("testFun3 http.Get err:  Get \"http://127.0.0.1:1/bytes/1024\": dial tcp 127.0.0.1:1: connect: connection refused"));
        Assert.False(GoOutput.IsRequestError("testFun3() 当前goroutine数量= 3"));
        Assert.Equal("go1.19.8", GoOutput.TryParseWaitingVersion("LEAKBENCH_GO_WAITING version=go1.19.8 pid=4242"));
        Assert.Null(GoOutput.TryParseWaitingVersion("testFun1() 当前goroutine数量= 11"));
    }

    [Fact]
    public void Only_established_client_sockets_owned_by_the_process_count()
    {
        var target = 8080;
        TcpSocket Socket(int localPort, int remotePort, TcpState state, long inode) =>
            new(new IPEndPoint(IPAddress.Loopback, localPort), new IPEndPoint(IPAddress.Loopback, remotePort), state, inode);
        TcpSocket[] table =
        [
            Socket(40001, target, TcpState.Established, 11),    // ours
            Socket(40002, target, TcpState.Established, 12),    // ours
            Socket(40003, target, TcpState.Established, 99),    // another process's client
            Socket(40004, target, TcpState.TimeWait, 0),         // closed, no owner
            Socket(40005, target, TcpState.CloseWait, 13),       // ours, but not ESTABLISHED
            Socket(target, 40001, TcpState.Established, 50),    // the server's end
            Socket(40006, 9090, TcpState.Established, 14),      // ours, another port
            Socket(40001, target, TcpState.Established, 11),    // ours again: a read under churn repeats rows
        ];

        Assert.Equal(2, ProcessSockets.CountEstablished(table, new HashSet<long> { 11, 12, 13, 14 }, target));
    }

    [Fact]
    public void Worker_line_round_trips_and_other_lines_are_ignored()
    {
        var m = new DotnetWorkerReport(2, HttpCompletionOption.ResponseHeadersRead, 1024, 5, 12, 0, ".NET 10.0.0");

        Assert.StartsWith(DotnetWorkerReport.LinePrefix, m.ToLine(), StringComparison.Ordinal);
        Assert.Equal(m, DotnetWorkerReport.TryParseLine(m.ToLine()));
        Assert.Null(DotnetWorkerReport.TryParseLine(DotnetWorkerReport.CountPrefix + "before-gc"));
    }
}
