namespace CoPLive.Communities;

/// <summary>What joining did: made a member, or filed a request that awaits approval.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.JoinResult")]
public sealed record JoinResult(
    [property: Id(0)] MembershipStatus Status,
    [property: Id(1)] CommunityMember? Member);
