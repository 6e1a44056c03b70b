using LeakBench.RuntimePairing;

namespace LeakBench.Tests.RuntimePairing;

public sealed class ProcessPairIntervalTests
{
    [Fact]
    public void Three_process_pairs_give_the_mean_ratio_with_student_t_bounds_on_two_degrees_of_freedom()
    {
        // Logs 0.1, 0.2, 0.3: mean 0.2, sd 0.1, standard error 0.1/√3; t(0.975, 2) = 4.302653 (tables).
        var interval = ProcessPairInterval.FromLogs([0.1, 0.2, 0.3]);

        var reach = 4.302653 * 0.1 / Math.Sqrt(3);
        Assert.Equal(Math.Exp(0.2), interval.Ratio, 9);
        Assert.Equal(Math.Exp(0.2 - reach), interval.Lower, 5);
        Assert.Equal(Math.Exp(0.2 + reach), interval.Upper, 5);
        Assert.Equal(3, interval.Pairs);
    }

    [Fact]
    public void The_process_to_process_spread_widens_the_bounds_even_when_the_mean_is_the_same()
    {
        var steady = ProcessPairInterval.FromLogs([0.0, 0.01, -0.01, 0.0]);
        var spread = ProcessPairInterval.FromLogs([0.0, 0.1, -0.1, 0.0]);

        Assert.Equal(steady.Ratio, spread.Ratio, 12);
        Assert.True(spread.LogHalfWidth > 9 * steady.LogHalfWidth, $"{spread} against {steady}");
        Assert.True(steady.Contains(1) && spread.Contains(1));
    }

    [Fact]
    public void More_process_pairs_with_the_same_spread_narrow_the_bounds()
    {
        double[] four = [0.05, -0.05, 0.05, -0.05];
        var fewer = ProcessPairInterval.FromLogs(four);
        var more = ProcessPairInterval.FromLogs([.. four, .. four]);

        Assert.True(more.LogHalfWidth < fewer.LogHalfWidth);
    }

    [Fact]
    public void Fewer_than_three_process_pairs_give_no_bounds()
    {
        Assert.Throws<ArgumentException>(() => ProcessPairInterval.FromLogs([0.1, 0.2]));
    }
}
