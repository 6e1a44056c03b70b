namespace LeakBench.Statistics;

/// <summary>
/// The Hodges–Lehmann centre of one sample (the median of its Walsh averages (xᵢ + xⱼ)/2, i ≤ j) with
/// distribution-free bounds from the signed-rank distribution: the k-th smallest and k-th largest
/// Walsh average (see <see cref="SignedRankDistribution.BoundRank"/>). The bounds hold for
/// independent values symmetric about their centre, with no other assumption on their distribution.
/// </summary>
public static class HodgesLehmannInterval
{
    /// <summary>Centre and bounds of <paramref name="values"/>. Throws when there are too few values for the confidence.</summary>
    public static (double Centre, double Lower, double Upper) Of(IReadOnlyList<double> values, double confidence = 0.95)
    {
        var n = values.Count;
        var k = SignedRankDistribution.BoundRank(n, confidence);
        if (k < 1)
        {
            throw new ArgumentException(
                $"{n} values cannot give {confidence:P0} bounds: the signed-rank bounds need at least {MinimumCount(confidence)}", nameof(values));
        }

        var walsh = new double[n * (n + 1) / 2];
        var w = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                walsh[w++] = (values[i] + values[j]) / 2;
            }
        }

        Array.Sort(walsh);
        var m = walsh.Length;
        var centre = m % 2 == 1 ? walsh[m / 2] : (walsh[(m / 2) - 1] + walsh[m / 2]) / 2;
        return (centre, walsh[k - 1], walsh[m - k]);
    }

    /// <summary>The fewest values for which bounds at <paramref name="confidence"/> exist (6 at 95%).</summary>
    public static int MinimumCount(double confidence = 0.95)
    {
        var n = 1;
        while (SignedRankDistribution.BoundRank(n, confidence) < 1)
        {
            n++;
        }

        return n;
    }
}
