namespace CoPLive.Communities;

/// <summary>A member of a community, as the member directory shows it.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.CommunityMember")]
public sealed record CommunityMember(
    [property: Id(0)] string UserId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string OrganizationId,
    [property: Id(3)] CommunityRole Role,
    [property: Id(4)] DateTimeOffset JoinedAt);
