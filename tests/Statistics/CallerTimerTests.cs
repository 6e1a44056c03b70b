using LeakBench.Pairing;

namespace LeakBench.Tests.Statistics;

/// <summary>Known answers of the one sub-block timer the case pairing and the cross-runtime child share.</summary>
public sealed class CallerTimerTests
{
    [Fact]
    public async Task One_caller_times_its_requests_one_after_the_other_in_one_buffer()
    {
        var timer = new CallerTimer(16);
        var buffers = new List<byte[]>();
        var inFlight = 0;
        var peak = 0;

        var latencies = await timer.TimeAsync(5, callers: 1, async buffer =>
        {
            buffers.Add(buffer);
            peak = Math.Max(peak, ++inFlight);
            await Task.Yield();
            inFlight--;
            return buffers.Count;
        });

        Assert.Equal(new double[] { 1, 2, 3, 4, 5 }, latencies);
        Assert.Equal(1, peak);
        Assert.Single(buffers.Distinct());
        Assert.Equal(16, buffers[0].Length);
    }

    [Fact]
    public async Task Sixteen_callers_have_all_their_requests_in_flight_at_once_each_in_a_buffer_of_its_own()
    {
        const int callers = 16;
        var timer = new CallerTimer(8);
        var allIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = 0;
        var peak = 0;
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<byte[], int>(ReferenceEqualityComparer.Instance);

        // Each caller's first request waits until all 16 are in flight: it can only finish if they really run at once.
        var latencies = await timer.TimeAsync(3, callers, async buffer =>
        {
            var count = seen.AddOrUpdate(buffer, 1, (_, n) => n + 1);
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref peak, now);
            if (now == callers)
            {
                allIn.TrySetResult();
            }

            if (count == 1)
            {
                await allIn.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }

            Interlocked.Decrement(ref inFlight);
            return count;
        });

        Assert.Equal(callers * 3, latencies.Count);
        Assert.Equal(callers, peak);
        Assert.Equal(callers, seen.Count);
        Assert.All(seen.Values, n => Assert.Equal(3, n));
        // Caller by caller: each caller's three latencies in a row.
        Assert.Equal(Enumerable.Repeat(new[] { 1.0, 2, 3 }, callers).SelectMany(x => x), latencies);
    }

    [Fact]
    public async Task A_later_sub_block_reuses_the_callers_buffers()
    {
        var timer = new CallerTimer(8);
        var first = new System.Collections.Concurrent.ConcurrentBag<byte[]>();
        var second = new System.Collections.Concurrent.ConcurrentBag<byte[]>();

        await timer.TimeAsync(1, 4, b => { first.Add(b); return Task.FromResult(1.0); });
        await timer.TimeAsync(1, 4, b => { second.Add(b); return Task.FromResult(1.0); });

        Assert.Equal(4, first.Distinct().Count());
        Assert.True(first.ToHashSet().SetEquals(second));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }
}
