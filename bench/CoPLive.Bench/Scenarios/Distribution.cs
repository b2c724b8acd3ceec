namespace CoPLive.Bench.Scenarios;

/// <summary>Mean, percentiles (nearest rank) and maximum of a set of measurements.</summary>
internal sealed record Distribution(int Count, double Mean, double P50, double P99, double Max)
{
    public static Distribution Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Distribution(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Distribution(sorted.Length, sorted.Average(), Rank(0.50), Rank(0.99), sorted[^1]);
    }
}
