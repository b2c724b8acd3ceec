namespace CoPLive.Analytics;

/// <summary>The level counts of one organization's members.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.OrganizationLevels")]
public sealed record OrganizationLevels(
    [property: Id(0)] string OrganizationId,
    [property: Id(1)] LevelCounts Levels);
