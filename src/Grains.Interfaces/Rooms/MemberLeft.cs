namespace CoPLive.Rooms;

/// <summary>A member is no longer present: their last connection left, dropped, or its gateway node died.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.MemberLeft")]
public sealed record MemberLeft(long Seq, [property: Id(0)] PresentMember Member) : RoomEvent(Seq);
