using CoPLive.Rooms;

namespace CoPLive.Threads;

/// <summary>A post was removed by its author or a moderator; <see cref="Post"/> is the post as it now shows (no body).</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.PostRemoved")]
public sealed record PostRemoved(long Seq, [property: Id(0)] ThreadPost Post) : RoomEvent(Seq);
