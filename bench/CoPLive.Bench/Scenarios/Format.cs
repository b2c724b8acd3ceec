using System.Globalization;

namespace CoPLive.Bench.Scenarios;

/// <summary>Numbers as the report prints them.</summary>
internal static class Format
{
    public static string Number(double value, string format = "0.##") =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    public static string Whole(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Ratio(double coPLive, double baseline) =>
        double.IsNaN(coPLive) || double.IsNaN(baseline) || baseline == 0
            ? "n/a"
            : (coPLive / baseline).ToString("0.00", CultureInfo.InvariantCulture) + "x";

    public static string Spread(Distribution d, string format = "0.#") =>
        $"{Number(d.Mean, format)} / {Number(d.P99, format)} / {Number(d.Max, format)}";
}
