using System.Collections.Immutable;

namespace CoPLive.Rooms;

/// <summary>Consecutive events of one room, in sequence order: what a grain publishes to a gateway node, and what the node sends to the room's SignalR group.</summary>
/// <param name="Epoch">Changes when the room's grain is re-activated and its numbering starts again.</param>
[GenerateSerializer, Immutable, Alias("CoPLive.RoomEventBatch")]
public sealed record RoomEventBatch(
    [property: Id(0)] string Room,
    [property: Id(1)] string Epoch,
    [property: Id(2)] ImmutableArray<RoomEvent> Events);
