namespace CoPLive.Analytics;

/// <summary>A distribution of durations: how many, the median and the 90th percentile (nearest rank), in seconds; null when there are none.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.DurationStats")]
public sealed record DurationStats(
    [property: Id(0)] int Count,
    [property: Id(1)] double? MedianSeconds,
    [property: Id(2)] double? P90Seconds);
