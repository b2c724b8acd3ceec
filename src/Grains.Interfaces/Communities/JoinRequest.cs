namespace CoPLive.Communities;

/// <summary>A pending request to join a community whose policy is approval.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.JoinRequest")]
public sealed record JoinRequest(
    [property: Id(0)] string UserId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string OrganizationId,
    [property: Id(3)] DateTimeOffset RequestedAt);
