namespace CoPLive.Rooms;

/// <summary>A member became present in the room (their first connection entered).</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.MemberEntered")]
public sealed record MemberEntered(long Seq, string OrganizationId, int OrganizationCount, PresentMember? Member, bool Counted)
    : PresenceChange(Seq, OrganizationId, OrganizationCount, Member, Counted);
