using CoPLive.Rooms;

namespace CoPLive.Meetups;

/// <summary>A hand went down: lowered by its owner, called on by the host (who brings them on stage), or dismissed.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.HandLowered")]
public sealed record HandLowered(long Seq, [property: Id(0)] string UserId, [property: Id(1)] string Outcome) : RoomEvent(Seq);
