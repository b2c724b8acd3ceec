using System.Collections.Immutable;

namespace CoPLive.Rooms;

/// <summary>Connections that must leave a room at once, and why (sent only to the gateway node that holds them).</summary>
/// <param name="Code">A stable error code: forbidden (access revoked) or not-found (the room is gone).</param>
/// <param name="Reason">A human sentence for the member.</param>
[GenerateSerializer, Immutable, Alias("CoPLive.RoomEviction")]
public sealed record RoomEviction(
    [property: Id(0)] string Room,
    [property: Id(1)] ImmutableArray<string> ConnectionIds,
    [property: Id(2)] string Code,
    [property: Id(3)] string Reason);
