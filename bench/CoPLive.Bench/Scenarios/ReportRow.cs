namespace CoPLive.Bench.Scenarios;

/// <summary>One line of a scenario's table: a measurement for CoPLive and the baseline, their ratio, and the target.</summary>
internal sealed record ReportRow(string Metric, string CoPLive, string Baseline, string Ratio = "", string Target = "");
