using CoPLive.Rooms;
using Microsoft.Extensions.Logging;

namespace CoPLive.Notifications;

/// <inheritdoc cref="IGatewayDirectoryGrain"/>
/// <remarks>
/// Its registrations live in memory: when the grain is re-activated elsewhere (its silo died), each node's next
/// renewal registers it again. Publishing is one one-way call per node, as a room's grain does, so a slow or dead
/// node never holds up a notification; expired registrations are dropped when met.
/// </remarks>
public sealed partial class GatewayDirectoryGrain(ILogger<GatewayDirectoryGrain> logger) : Grain, IGatewayDirectoryGrain
{
    private readonly Dictionary<string, Registration> _nodes = new(StringComparer.Ordinal);

    public Task<bool> RegisterAsync(string gatewayNodeId, IGatewayObserver observer, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var known = _nodes.TryGetValue(gatewayNodeId, out var current) && current.ExpiresAt > DateTimeOffset.UtcNow;
        _nodes[gatewayNodeId] = new Registration(observer, DateTimeOffset.UtcNow + lifetime);
        if (!known)
        {
            LogRegistered(logger, gatewayNodeId);
        }

        return Task.FromResult(!known);
    }

    public Task UnregisterAsync(string gatewayNodeId)
    {
        _nodes.Remove(gatewayNodeId);
        return Task.CompletedTask;
    }

    public Task PublishAsync(RoomEventBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var now = DateTimeOffset.UtcNow;
        foreach (var (nodeId, node) in _nodes.ToList())
        {
            if (node.ExpiresAt <= now)
            {
                _nodes.Remove(nodeId);
                LogExpired(logger, nodeId);
                continue;
            }

            try
            {
                _ = node.Observer.ReceiveRoomEventsAsync(batch);
            }
            catch (Exception exception)
            {
                LogPublishFailed(logger, exception, batch.Room, nodeId);
            }
        }

        return Task.CompletedTask;
    }

    private sealed record Registration(IGatewayObserver Observer, DateTimeOffset ExpiresAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway node {GatewayNodeId} registered for personal rooms")]
    private static partial void LogRegistered(ILogger logger, string gatewayNodeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway node {GatewayNodeId}: registration expired; it receives no personal rooms' events")]
    private static partial void LogExpired(ILogger logger, string gatewayNodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {Room}: publishing to gateway node {GatewayNodeId} failed")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string room, string gatewayNodeId);
}
