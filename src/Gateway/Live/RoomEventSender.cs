using System.Threading.Channels;
using CoPLive.Rooms;
using Microsoft.AspNetCore.SignalR;

namespace CoPLive.Gateway.Live;

/// <summary>
/// Sends room events to the node's SignalR groups, one send per event batch per group: SignalR
/// serializes it once per protocol. A single reader keeps each room's events in order.
/// </summary>
public sealed partial class RoomEventSender(IHubContext<LiveHub, ILiveClient> hub, ILogger<RoomEventSender> logger) : BackgroundService
{
    private readonly Channel<RoomEventBatch> _queue = Channel.CreateUnbounded<RoomEventBatch>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    public void Enqueue(RoomEventBatch batch)
    {
        if (!_queue.Writer.TryWrite(batch))
        {
            LogDropped(logger, batch.Room);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var batch in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await hub.Clients.Group(batch.Room).RoomEvents(batch);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogSendFailed(logger, exception, batch.Room);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {Room}: events dropped, the sender is shutting down")]
    private static partial void LogDropped(ILogger logger, string room);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {Room}: sending events to the group failed")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string room);
}
