namespace CoPLive.Organizations;

/// <summary>A registered organization.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.OrganizationInfo")]
public sealed record OrganizationInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset RegisteredAt);
