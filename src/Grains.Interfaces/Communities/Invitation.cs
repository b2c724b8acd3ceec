namespace CoPLive.Communities;

/// <summary>An invitation for one person of an admitted organization to join.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.Invitation")]
public sealed record Invitation(
    [property: Id(0)] string UserId,
    [property: Id(1)] string OrganizationId,
    [property: Id(2)] string InvitedBy,
    [property: Id(3)] DateTimeOffset InvitedAt);
