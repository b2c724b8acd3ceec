using CoPLive.Gateway.Operations;
using CoPLive.Rooms;
using Microsoft.AspNetCore.SignalR;

namespace CoPLive.Gateway.Live;

/// <summary>
/// Sends what the grains publish to the node's SignalR connections: one pump per room lane, so each room's
/// events stay in order and rooms never wait for each other. A batch goes to the room's group in one send
/// (SignalR serializes it once per protocol), unless some event varies by organization (a counted member, an item
/// restricted to an audience): then each local organization's group gets its own copy. An eviction takes connections
/// out of the room's groups before anything later is sent, and tells them why.
/// </summary>
public sealed partial class RoomEventSender(
    GatewayObserver observer,
    GatewayRooms rooms,
    IHubContext<LiveHub, ILiveClient> hub,
    CoPLiveMetrics metrics,
    ILogger<RoomEventSender> logger) : BackgroundService
{
    /// <summary>A lane idle this long retires; the next event opens a new one.</summary>
    private static readonly TimeSpan IdleLaneLifetime = TimeSpan.FromSeconds(30);

    private CancellationToken _stopping;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        observer.AttachPump(lane => _ = PumpAsync(lane));
        return Task.CompletedTask;
    }

    private async Task PumpAsync(RoomLane lane)
    {
        try
        {
            while (true)
            {
                if (!await lane.WaitForWorkAsync(IdleLaneLifetime, _stopping))
                {
                    if (observer.TryRetire(lane))
                    {
                        return;
                    }

                    continue;
                }

                while (lane.TakeNext() is { } item)
                {
                    await DeliverAsync(lane.Room, item, lane.TakenEnqueuedAt);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The node is stopping.
        }
        catch (Exception exception)
        {
            LogPumpFailed(logger, exception, lane.Room);
        }
    }

    /// <param name="receivedAt">When the observer received the oldest part of <paramref name="item"/> (a Stopwatch timestamp).</param>
    private async Task DeliverAsync(string room, object item, long receivedAt)
    {
        try
        {
            switch (item)
            {
                case RoomEventBatch batch:
                    await SendAsync(batch);
                    metrics.FannedOut(room, receivedAt);
                    break;
                case RoomEviction eviction:
                    await EvictAsync(eviction);
                    break;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogSendFailed(logger, exception, room);
        }
    }

    private async Task SendAsync(RoomEventBatch batch)
    {
        if (!batch.Events.Any(e => e.VariesByOrganization))
        {
            await hub.Clients.Group(RoomGroups.All(batch.Room)).RoomEvents(batch);
            metrics.Delivered(batch.Room);
            return;
        }

        foreach (var organizationId in rooms.LocalOrganizations(batch.Room))
        {
            var view = batch with { Events = [.. batch.Events.Select(e => e.For(organizationId))] };
            await hub.Clients.Group(RoomGroups.Organization(batch.Room, organizationId)).RoomEvents(view);
            metrics.Delivered(batch.Room);
        }
    }

    private async Task EvictAsync(RoomEviction eviction)
    {
        var evicted = rooms.Forget(eviction.Room, eviction.ConnectionIds);
        foreach (var (connectionId, organizationId) in evicted)
        {
            await hub.Groups.RemoveFromGroupAsync(connectionId, RoomGroups.All(eviction.Room));
            await hub.Groups.RemoveFromGroupAsync(connectionId, RoomGroups.Organization(eviction.Room, organizationId));
            await hub.Clients.Client(connectionId).AccessRevoked(new AccessRevoked(eviction.Room, eviction.Code, eviction.Reason));
        }

        LogEvicted(logger, eviction.Room, evicted.Count, eviction.Code);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {Room}: sending to the node's connections failed")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string room);

    [LoggerMessage(Level = LogLevel.Error, Message = "Room {Room}: the room's lane stopped")]
    private static partial void LogPumpFailed(ILogger logger, Exception exception, string room);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {Room}: {ConnectionCount} local connections evicted ({Code})")]
    private static partial void LogEvicted(ILogger logger, string room, int connectionCount, string code);
}
