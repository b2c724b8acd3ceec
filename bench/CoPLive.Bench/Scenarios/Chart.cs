namespace CoPLive.Bench.Scenarios;

/// <summary>An SVG plot written next to the report.</summary>
internal sealed record Chart(string FileName, string Title, string Svg);
