namespace CoPLive.Analytics;

/// <summary>The level counts as they stood at the end of one UTC day (a weekly point of the trend), each over its own rolling window.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.WeekLevels")]
public sealed record WeekLevels(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] LevelCounts Levels);
