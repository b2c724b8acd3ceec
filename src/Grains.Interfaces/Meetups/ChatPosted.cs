using CoPLive.Rooms;

namespace CoPLive.Meetups;

/// <summary>A chat message (persisted before it was sent).</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.ChatPosted")]
public sealed record ChatPosted(long Seq, [property: Id(0)] ChatMessage Message) : RoomEvent(Seq);
