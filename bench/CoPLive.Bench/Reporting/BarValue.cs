namespace CoPLive.Bench.Reporting;

/// <summary>A bar of a chart.</summary>
internal sealed record BarValue(string Label, string Color, double Value);
