using Fluxum.Host.Operations;

namespace Fluxum.Host.Tests.Operations;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Record_EachDurationLandsInTheFirstBucketWhoseBoundHoldsIt()
    {
        var histogram = new LatencyHistogram();

        histogram.Record(TimeSpan.FromMilliseconds(0.05)); // <= 0.1 ms
        histogram.Record(TimeSpan.FromMilliseconds(0.1));  // on a bound: that bucket
        histogram.Record(TimeSpan.FromMilliseconds(3));    // <= 5 ms
        histogram.Record(TimeSpan.FromSeconds(30));        // beyond 10 s: +Inf

        var cumulative = histogram.Cumulative();
        Assert.Equal(LatencyHistogram.Bounds.Length + 1, cumulative.Length);
        Assert.Equal(2, cumulative[0]);
        Assert.Equal(2, cumulative[Array.IndexOf(LatencyHistogram.Bounds, 0.002)]);
        Assert.Equal(3, cumulative[Array.IndexOf(LatencyHistogram.Bounds, 0.005)]);
        Assert.Equal(3, cumulative[LatencyHistogram.Bounds.Length - 1]);
        Assert.Equal(4, cumulative[^1]);
        Assert.Equal(4, histogram.Count);
        Assert.Equal(30.00315, histogram.SumSeconds, 6);
    }

    [Fact]
    public void Record_ANegativeLag_CountsAsZeroAndIsCounted()
    {
        var histogram = new LatencyHistogram();

        histogram.Record(TimeSpan.FromMilliseconds(-2));

        Assert.Equal(1, histogram.Negative);
        Assert.Equal(1, histogram.Cumulative()[0]);
        Assert.Equal(0, histogram.SumSeconds);
    }

    [Fact]
    public void Quantile_IsTheBoundOfTheBucketHoldingThatRank()
    {
        var histogram = new LatencyHistogram();
        Assert.Null(histogram.Quantile(0.5));
        for (var i = 0; i < 99; i++)
        {
            histogram.Record(TimeSpan.FromMilliseconds(0.8));
        }

        histogram.Record(TimeSpan.FromMilliseconds(40));

        Assert.Equal(0.001, histogram.Quantile(0.5));
        Assert.Equal(0.001, histogram.Quantile(0.99));
        Assert.Equal(0.05, histogram.Quantile(1.0));
    }
}
