namespace CoPLive.Analytics;

/// <summary>Which period a report covers: the <paramref name="Days"/> UTC days ending with <paramref name="AsOf"/>'s day, and <paramref name="Weeks"/> weekly points of the level trend.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.AnalyticsQuery")]
public sealed record AnalyticsQuery(
    [property: Id(0)] DateTimeOffset AsOf,
    [property: Id(1)] int? Days,
    [property: Id(2)] int? Weeks);
