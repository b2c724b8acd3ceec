using CoPLive.Rooms;

namespace CoPLive.Gateway.Live;

/// <summary>
/// The node's one observer. It only enqueues: the grain's one-way call returns at once, and the
/// <see cref="RoomEventSender"/> sends to the SignalR groups.
/// </summary>
public sealed class GatewayObserver(RoomEventSender sender) : IGatewayObserver
{
    public Task ReceiveRoomEventsAsync(RoomEventBatch batch)
    {
        sender.Enqueue(batch);
        return Task.CompletedTask;
    }
}
