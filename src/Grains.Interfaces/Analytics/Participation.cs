using System.Collections.Immutable;

namespace CoPLive.Analytics;

/// <summary>Levels of participation: totals, per organization, the weekly trend, and the members the viewer may see one by one.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.Participation")]
public sealed record Participation(
    [property: Id(0)] LevelCounts Levels,
    [property: Id(1)] ImmutableArray<OrganizationLevels> ByOrganization,
    [property: Id(2)] ImmutableArray<WeekLevels> Weeks,
    [property: Id(3)] ImmutableArray<MemberParticipation> Members);
