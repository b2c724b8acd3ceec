namespace CoPLive.Rooms;

/// <summary>A member is no longer present: their last connection left, dropped, was evicted, or its gateway node died.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.MemberLeft")]
public sealed record MemberLeft(long Seq, string OrganizationId, int OrganizationCount, PresentMember? Member, bool Counted)
    : PresenceChange(Seq, OrganizationId, OrganizationCount, Member, Counted);
