namespace CoPLive.Analytics;

/// <summary>How many members are at each level.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.LevelCounts")]
public sealed record LevelCounts(
    [property: Id(0)] int Core,
    [property: Id(1)] int Active,
    [property: Id(2)] int Peripheral,
    [property: Id(3)] int Inactive);
