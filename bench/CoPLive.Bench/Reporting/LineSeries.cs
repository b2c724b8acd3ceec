namespace CoPLive.Bench.Reporting;

/// <summary>A line of a chart: one value per x position (0, 1, 2, ...).</summary>
internal sealed record LineSeries(string Name, string Color, IReadOnlyList<long> Values);
