namespace CoPLive.Rooms;

/// <summary>A member became present in the room (their first connection entered).</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.MemberEntered")]
public sealed record MemberEntered(long Seq, [property: Id(0)] PresentMember Member) : RoomEvent(Seq);
