namespace CoPLive.Identity;

/// <summary>Who is calling, as the gateway read it from a validated token (claims sub, name, org).</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.MemberIdentity")]
public sealed record MemberIdentity(
    [property: Id(0)] string UserId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string OrganizationId);
