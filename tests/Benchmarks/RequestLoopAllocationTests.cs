using LeakBench.Benchmarks;
using LeakBench.Pairing;
using Xunit.Abstractions;

namespace LeakBench.Tests.Benchmarks;

/// <summary>
/// The benchmark's request loop (<see cref="RequestBenchmarks"/>' invocation: <see cref="RequestBenchmarks.RequestsPerInvoke"/>
/// requests shared by the case's callers through <see cref="CallerTimer.ShareAsync"/>) allocates next to nothing of its own
/// inside BenchmarkDotNet's timed region: with 16 callers and a requester that does nothing, at most 16 B a request. It
/// used to make a 64 KiB buffer per caller per invocation (5,243 B a request) plus Task.Run, closures and LINQ.
/// </summary>
/// <remarks>
/// GC.GetTotalAllocatedBytes counts every thread of the process (the callers continue on the thread pool), so these
/// tests run alone, after a warm-up that makes the callers' buffers and JITs the loop.
/// </remarks>
[Collection(nameof(AllocationMeasuredAlone))]
public sealed class RequestLoopAllocationTests(ITestOutputHelper output)
{
    private const int Callers = 16;
    private const int Invocations = 500;
    private const double MaxHarnessBytesPerRequest = 16;

    [Fact]
    public async Task Sixteen_callers_and_a_requester_that_completes_at_once_allocate_at_most_16_bytes_a_request()
    {
        var timer = new CallerTimer(64 * 1024);
        var sent = 0;
        Func<int, byte[], Task> send = (_, _) =>
        {
            Interlocked.Increment(ref sent);
            return Task.CompletedTask;
        };

        var perRequest = await HarnessBytesPerRequestAsync(timer, send);

        Assert.Equal((Invocations + Warmups) * RequestBenchmarks.RequestsPerInvoke, sent);
        Assert.InRange(perRequest, 0, MaxHarnessBytesPerRequest);
    }

    [Fact]
    public async Task Sixteen_callers_all_in_flight_on_a_requester_that_completes_later_allocate_at_most_16_bytes_a_request()
    {
        // The requester does nothing but complete its request later, from the thread pool, so every caller really awaits
        // (as it does on a socket; CallerTimerTests shows all 16 in flight at once). Its tasks and work items are made before the
        // measurement, so what is measured is the loop's own: the callers' async state, once an invocation.
        var timer = new CallerTimer(64 * 1024);
        var later = new CompletesLater(RequestBenchmarks.RequestsPerInvoke * (Invocations + Warmups));
        Func<int, byte[], Task> send = (_, _) => later.Next();

        var perRequest = await HarnessBytesPerRequestAsync(timer, send);

        Assert.Equal(RequestBenchmarks.RequestsPerInvoke * (Invocations + Warmups), later.Completed);
        Assert.InRange(perRequest, 0, MaxHarnessBytesPerRequest);
    }

    private const int Warmups = 20;

    private async Task<double> HarnessBytesPerRequestAsync(CallerTimer timer, Func<int, byte[], Task> send)
    {
        for (var i = 0; i < Warmups; i++)
        {
            await timer.ShareAsync(RequestBenchmarks.RequestsPerInvoke, Callers, send);
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < Invocations; i++)
        {
            await timer.ShareAsync(RequestBenchmarks.RequestsPerInvoke, Callers, send);
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        var perRequest = allocated / (double)(Invocations * RequestBenchmarks.RequestsPerInvoke);
        output.WriteLine($"{allocated:N0} B over {Invocations} invocations of {RequestBenchmarks.RequestsPerInvoke} requests from {Callers} callers: {perRequest:F2} B a request");
        return perRequest;
    }

    /// <summary>Tasks made in advance, each completed from the thread pool right after it is handed out.</summary>
    private sealed class CompletesLater
    {
        private readonly Completion[] _completions;
        private int _next = -1;
        private int _completed;

        public CompletesLater(int count)
        {
            _completions = new Completion[count];
            for (var i = 0; i < count; i++)
            {
                _completions[i] = new Completion(this);
            }
        }

        public int Completed => Volatile.Read(ref _completed);

        public Task Next()
        {
            var completion = _completions[Interlocked.Increment(ref _next)];
            ThreadPool.UnsafeQueueUserWorkItem(completion, preferLocal: false);
            return completion.Source.Task;
        }

        private sealed class Completion(CompletesLater owner) : IThreadPoolWorkItem
        {
            public TaskCompletionSource Source { get; } = new();

            public void Execute()
            {
                Interlocked.Increment(ref owner._completed);
                Source.SetResult();
            }
        }
    }
}

/// <summary>Allocation is measured process-wide: nothing else may run meanwhile.</summary>
[CollectionDefinition(nameof(AllocationMeasuredAlone), DisableParallelization = true)]
public sealed class AllocationMeasuredAlone;
