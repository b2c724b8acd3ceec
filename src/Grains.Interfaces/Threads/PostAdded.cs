using CoPLive.Rooms;

namespace CoPLive.Threads;

/// <summary>A post or reply was added to the thread (persisted before it was sent).</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.PostAdded")]
public sealed record PostAdded(long Seq, [property: Id(0)] ThreadPost Post) : RoomEvent(Seq);
