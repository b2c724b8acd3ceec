using System.Collections.Immutable;
using System.Security.Cryptography;
using CoPLive.Identity;
using Microsoft.Extensions.Logging;

namespace CoPLive.Rooms;

/// <inheritdoc cref="IRoomPresenceGrain"/>
/// <remarks>
/// Presence is counted per member, not per connection: a member with two tabs open is present once, and
/// leaves when the last tab goes. Subscriptions of gateway nodes expire unless renewed; when one expires,
/// that node is taken for dead and its connections leave the room.
/// </remarks>
public sealed partial class RoomPresenceGrain(ILogger<RoomPresenceGrain> logger) : Grain, IRoomPresenceGrain
{
    private static readonly TimeSpan SweepPeriod = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, GatewaySubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RoomConnection> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PresentMemberEntry> _members = new(StringComparer.Ordinal);
    private readonly string _epoch = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
    private long _seq;

    private string Room => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(SweepExpiredSubscriptionsAsync, SweepPeriod, SweepPeriod);
        return Task.CompletedTask;
    }

    public Task SubscribeAsync(string gatewayNodeId, IGatewayObserver observer, TimeSpan lifetime)
    {
        _subscriptions[gatewayNodeId] = new GatewaySubscription(observer, DateTimeOffset.UtcNow + lifetime);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(string gatewayNodeId)
    {
        _subscriptions.Remove(gatewayNodeId);
        RemoveConnectionsOf(gatewayNodeId);
        return Task.CompletedTask;
    }

    public Task<PresenceSnapshot> EnterAsync(RoomConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (_connections.TryAdd(connection.ConnectionId, connection))
        {
            var member = connection.Member;
            if (_members.TryGetValue(member.UserId, out var entry))
            {
                entry.Connections++;
            }
            else
            {
                var present = ToPresent(member);
                _members[member.UserId] = new PresentMemberEntry(present) { Connections = 1 };
                Publish(new MemberEntered(++_seq, present));
            }
        }

        return Task.FromResult(Snapshot());
    }

    public Task LeaveAsync(string connectionId)
    {
        RemoveConnection(connectionId);
        return Task.CompletedTask;
    }

    public Task<PresenceSnapshot> GetSnapshotAsync() => Task.FromResult(Snapshot());

    private Task SweepExpiredSubscriptionsAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var (gatewayNodeId, subscription) in _subscriptions.ToList())
        {
            if (subscription.ExpiresAt <= now)
            {
                LogSubscriptionExpired(logger, Room, gatewayNodeId);
                _subscriptions.Remove(gatewayNodeId);
                RemoveConnectionsOf(gatewayNodeId);
            }
        }

        return Task.CompletedTask;
    }

    private void RemoveConnectionsOf(string gatewayNodeId)
    {
        foreach (var connection in _connections.Values.Where(c => c.GatewayNodeId == gatewayNodeId).ToList())
        {
            RemoveConnection(connection.ConnectionId);
        }
    }

    private void RemoveConnection(string connectionId)
    {
        if (!_connections.Remove(connectionId, out var connection))
        {
            return;
        }

        var entry = _members[connection.Member.UserId];
        if (--entry.Connections == 0)
        {
            _members.Remove(connection.Member.UserId);
            Publish(new MemberLeft(++_seq, entry.Member));
        }
    }

    private void Publish(RoomEvent roomEvent)
    {
        var batch = new RoomEventBatch(Room, _epoch, [roomEvent]);
        foreach (var (gatewayNodeId, subscription) in _subscriptions)
        {
            try
            {
                // One-way: returns at once, whatever the node does with it.
                _ = subscription.Observer.ReceiveRoomEventsAsync(batch);
            }
            catch (Exception exception)
            {
                LogPublishFailed(logger, exception, Room, gatewayNodeId);
            }
        }
    }

    private PresenceSnapshot Snapshot()
    {
        var members = _members.Values.Select(e => e.Member)
            .OrderBy(m => m.DisplayName, StringComparer.Ordinal)
            .ThenBy(m => m.UserId, StringComparer.Ordinal)
            .ToImmutableArray();
        var counts = members
            .GroupBy(m => m.OrganizationId, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new PresenceSnapshot(Room, _epoch, _seq, members, counts);
    }

    private static PresentMember ToPresent(MemberIdentity member) =>
        new(member.UserId, member.DisplayName, member.OrganizationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {Room}: subscription of gateway node {GatewayNodeId} expired; its connections leave the room")]
    private static partial void LogSubscriptionExpired(ILogger logger, string room, string gatewayNodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {Room}: publishing to gateway node {GatewayNodeId} failed")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string room, string gatewayNodeId);

    private sealed record GatewaySubscription(IGatewayObserver Observer, DateTimeOffset ExpiresAt);

    private sealed class PresentMemberEntry(PresentMember member)
    {
        public PresentMember Member { get; } = member;

        public int Connections { get; set; }
    }
}
