namespace CoPLive.Communities;

/// <summary>What the community says about a member who may take part: their role and the room rules of the community.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.MemberAccess")]
public sealed record MemberAccess(
    [property: Id(0)] CommunityRole Role,
    [property: Id(1)] Rooms.RoomAccess Room);
