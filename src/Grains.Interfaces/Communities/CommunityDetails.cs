using System.Collections.Immutable;

namespace CoPLive.Communities;

/// <summary>A community as a viewer who may see it sees it.</summary>
/// <param name="ViewerRole">The viewer's role, or null when the viewer has not joined.</param>
/// <param name="ViewerStatus">Whether the viewer is a member, invited, or has asked to join.</param>
[GenerateSerializer, Immutable, Alias("CoPLive.CommunityDetails")]
public sealed record CommunityDetails(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Domain,
    [property: Id(3)] string? Description,
    [property: Id(4)] ImmutableArray<string> SponsoringOrganizations,
    [property: Id(5)] ImmutableArray<string> AdmittedOrganizations,
    [property: Id(6)] int MemberCount,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] CommunityRole? ViewerRole,
    [property: Id(9)] JoinPolicy JoinPolicy,
    [property: Id(10)] MembershipStatus ViewerStatus,
    [property: Id(11)] ImmutableArray<AdmittedOrganization> Organizations);
