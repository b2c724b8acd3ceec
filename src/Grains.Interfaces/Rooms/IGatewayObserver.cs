using Orleans.Concurrency;

namespace CoPLive.Rooms;

/// <summary>
/// One per gateway node: receives the events of the rooms the node subscribed to, and hands them to the
/// node's SignalR groups. Calls are one-way so that a slow or dead node never holds up a room's grain.
/// </summary>
[Alias("CoPLive.IGatewayObserver")]
public interface IGatewayObserver : IGrainObserver
{
    /// <summary>Events of one room, in sequence order.</summary>
    [OneWay, Alias("ReceiveRoomEvents")]
    Task ReceiveRoomEventsAsync(RoomEventBatch batch);

    /// <summary>Connections of this node that must leave a room now: they receive nothing more from it.</summary>
    [OneWay, Alias("EvictConnections")]
    Task EvictConnectionsAsync(RoomEviction eviction);
}
