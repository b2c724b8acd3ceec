namespace CoPLive.Bench.Scenarios;

/// <summary>What a scenario found: a table, notes, and a plot.</summary>
internal sealed record ScenarioReport(string Title, string Description, IReadOnlyList<ReportRow> Rows, IReadOnlyList<string> Notes, Chart? Chart);
