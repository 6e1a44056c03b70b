using LeakBench.Statistics;

namespace LeakBench.Tests.Statistics;

/// <summary>
/// Block pairs drawn from a known latency process, in the order the pairing runner uses (ABBA): one
/// machine whose speed follows a log-AR(1) process (<paramref name="phi"/> = 0: independent
/// requests) and an optional slow drift, shared by the case and the baseline. The case's latency is
/// the baseline's times <paramref name="ratio"/>, so the true ratio of medians and of P95s is
/// exactly <paramref name="ratio"/>.
/// </summary>
internal static class SyntheticBlocks
{
    public const double BaselineLatencyUs = 100;

    public static List<BlockPair> Generate(int pairs, int blockSize, double ratio, int seed, double phi = 0, double sigma = 0.3, double driftAmplitude = 0)
    {
        var random = new Random(seed);
        var innovation = sigma * Math.Sqrt(1 - (phi * phi));
        var x = sigma * Gaussian(random); // start in the stationary distribution
        var t = 0;
        var total = 4 * pairs * blockSize;

        double[] Block(double factor)
        {
            var block = new double[blockSize];
            for (var i = 0; i < blockSize; i++, t++)
            {
                x = (phi * x) + (innovation * Gaussian(random));
                var drift = 1 + (driftAmplitude * Math.Sin(2 * Math.PI * t / total));
                block[i] = BaselineLatencyUs * factor * drift * Math.Exp(x);
            }

            return block;
        }

        var result = new List<BlockPair>(pairs);
        for (var p = 0; p < pairs; p++)
        {
            // ABBA: even pairs run the case first, odd pairs the baseline first.
            if (p % 2 == 0)
            {
                var c = Block(ratio);
                result.Add(new BlockPair(c, Block(1)));
            }
            else
            {
                var b = Block(1);
                result.Add(new BlockPair(Block(ratio), b));
            }
        }

        return result;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
