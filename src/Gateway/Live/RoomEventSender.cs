using CoPLive.Gateway.Operations;
using CoPLive.Rooms;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace CoPLive.Gateway.Live;

/// <summary>
/// Sends what the grains publish to the node's SignalR connections: one pump per room lane, so each room's
/// events stay in order and rooms never wait for each other. A batch becomes one <see cref="SerializedHubMessage"/>
/// (serialized once per protocol) written to each local connection's <see cref="ClientOutbox"/>, unless some
/// event varies by organization (a counted member, an item restricted to an audience): then each local
/// organization gets its own copy.
/// The lane then waits for those writes, as a SignalR group send would (that wait is what lets batches grow
/// under load), but at most <see cref="LiveOptions.SlowClientPatience"/>: a connection still writing then is
/// marked behind, and lanes stop waiting for it until it catches up; its outbox holds what it has not taken,
/// up to a bound, then cuts it off. An eviction takes connections out of the room before anything later is
/// sent, and tells them why.
/// </summary>
public sealed partial class RoomEventSender(
    GatewayObserver observer,
    GatewayRooms rooms,
    LiveClients clients,
    IOptions<LiveOptions> options,
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
                    Evict(eviction);
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
        List<ClientOutbox> waiting = [];
        if (!batch.Events.Any(e => e.VariesByOrganization))
        {
            Write(rooms.LocalOutboxes(batch.Room), Message(batch), waiting);
            metrics.Delivered(batch.Room);
        }
        else
        {
            foreach (var organizationId in rooms.LocalOrganizations(batch.Room))
            {
                var view = batch with { Events = [.. batch.Events.Select(e => e.For(organizationId))] };
                Write(rooms.LocalOutboxes(batch.Room, organizationId), Message(view), waiting);
                metrics.Delivered(batch.Room);
            }
        }

        await WaitForWritesAsync(batch.Room, waiting);
    }

    private static SerializedHubMessage Message(RoomEventBatch batch) =>
        new(new InvocationMessage(nameof(ILiveClient.RoomEvents), [batch]));

    /// <summary>Writes to every outbox; collects those still writing that the lane should wait for.</summary>
    private static void Write(ClientOutbox[] outboxes, SerializedHubMessage message, List<ClientOutbox> waiting)
    {
        foreach (var outbox in outboxes)
        {
            outbox.Send(message);
            if (outbox.IsBusy && !outbox.Behind)
            {
                waiting.Add(outbox);
            }
        }
    }

    /// <summary>Waits until the connections have taken their writes, or the patience ran out: those still writing are behind.</summary>
    private async Task WaitForWritesAsync(string room, List<ClientOutbox> waiting)
    {
        if (waiting.Count == 0)
        {
            return;
        }

        var written = Task.WhenAll(waiting.Select(o => o.WhenIdle()));
        if (written.IsCompletedSuccessfully)
        {
            return;
        }

        try
        {
            await written.WaitAsync(options.Value.SlowClientPatience, _stopping);
            return;
        }
        catch (TimeoutException)
        {
            // Patience ran out: those still writing are behind.
        }

        var behind = 0;
        foreach (var outbox in waiting.Where(o => o.IsBusy))
        {
            outbox.Behind = true;
            behind++;
        }

        LogBehind(logger, room, behind);
    }

    private void Evict(RoomEviction eviction)
    {
        var evicted = rooms.Forget(eviction.Room, eviction.ConnectionIds);
        foreach (var (connectionId, _) in evicted)
        {
            clients.Find(connectionId)?.Send(new SerializedHubMessage(new InvocationMessage(
                nameof(ILiveClient.AccessRevoked), [new AccessRevoked(eviction.Room, eviction.Code, eviction.Reason)])));
        }

        LogEvicted(logger, eviction.Room, evicted.Count, eviction.Code);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {Room}: sending to the node's connections failed")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string room);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {Room}: {ConnectionCount} local connections fell behind; the room's lane goes on without waiting for them")]
    private static partial void LogBehind(ILogger logger, string room, int connectionCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Room {Room}: the room's lane stopped")]
    private static partial void LogPumpFailed(ILogger logger, Exception exception, string room);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {Room}: {ConnectionCount} local connections evicted ({Code})")]
    private static partial void LogEvicted(ILogger logger, string room, int connectionCount, string code);
}
