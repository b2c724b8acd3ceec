namespace CoPLive.Rooms;

/// <summary>What viewers may see of presence changed (a presence policy changed): take a fresh snapshot (enter again).</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.PresenceReset")]
public sealed record PresenceReset(long Seq) : RoomEvent(Seq);
