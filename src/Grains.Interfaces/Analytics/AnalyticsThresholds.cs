namespace CoPLive.Analytics;

/// <summary>The thresholds a report used: contributions in the window for the core and active levels.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.AnalyticsThresholds")]
public sealed record AnalyticsThresholds(
    [property: Id(0)] int CoreContributions,
    [property: Id(1)] int ActiveContributions);
