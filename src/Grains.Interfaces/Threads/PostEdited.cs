using CoPLive.Rooms;

namespace CoPLive.Threads;

/// <summary>A post's author edited it; the earlier body went into its history.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.PostEdited")]
public sealed record PostEdited(long Seq, [property: Id(0)] ThreadPost Post) : RoomEvent(Seq);
