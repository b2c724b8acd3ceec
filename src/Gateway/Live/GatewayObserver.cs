using System.Threading.Channels;
using CoPLive.Rooms;

namespace CoPLive.Gateway.Live;

/// <summary>
/// The node's one observer. It only enqueues, in arrival order, so the grain's one-way calls return at
/// once; the <see cref="RoomEventSender"/> reads the queue and talks to SignalR.
/// </summary>
public sealed class GatewayObserver : IGatewayObserver
{
    private readonly Channel<object> _outbound = Channel.CreateUnbounded<object>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    /// <summary>Room event batches and evictions, in the order the grains sent them.</summary>
    public ChannelReader<object> Outbound => _outbound.Reader;

    public Task ReceiveRoomEventsAsync(RoomEventBatch batch)
    {
        _outbound.Writer.TryWrite(batch);
        return Task.CompletedTask;
    }

    public Task EvictConnectionsAsync(RoomEviction eviction)
    {
        _outbound.Writer.TryWrite(eviction);
        return Task.CompletedTask;
    }
}
