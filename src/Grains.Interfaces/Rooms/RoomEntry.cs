using System.Collections.Immutable;

namespace CoPLive.Rooms;

/// <summary>
/// The answer to resuming a room: when <see cref="Resumed"/>, <see cref="Missed"/> holds every event after the
/// client's last sequence number, in order; otherwise the client was too far behind (or the epoch changed) and
/// starts again from <see cref="Snapshot"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("CoPLive.RoomEntry")]
public sealed record RoomEntry(
    [property: Id(0)] bool Resumed,
    [property: Id(1)] ImmutableArray<RoomEvent> Missed,
    [property: Id(2)] PresenceSnapshot Snapshot);
