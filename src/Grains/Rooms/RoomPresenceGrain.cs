using System.Collections.Immutable;
using System.Security.Cryptography;
using CoPLive.Identity;
using Microsoft.Extensions.Logging;

namespace CoPLive.Rooms;

/// <inheritdoc cref="IRoomPresenceGrain"/>
/// <remarks>
/// Presence is counted per member, not per connection: a member with two tabs open is present once, and
/// leaves when the last tab goes. Subscriptions of gateway nodes expire unless renewed; when one expires,
/// that node is taken for dead and its connections leave the room. Members of a "counted" organization
/// are named only to viewers of their own organization: snapshots are filtered here, and events are
/// marked <see cref="RoomEvent.CountedOnly"/> so that each gateway node sends other organizations the
/// copy without the member (same sequence number).
/// </remarks>
public sealed partial class RoomPresenceGrain(ILogger<RoomPresenceGrain> logger) : Grain, IRoomPresenceGrain
{
    private static readonly TimeSpan SweepPeriod = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, GatewaySubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RoomConnection> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PresentMemberEntry> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _countsByOrganization = new(StringComparer.Ordinal);
    private readonly string _epoch = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
    private RoomAccess _access = RoomAccess.Open;
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
        RemoveConnections(c => c.GatewayNodeId == gatewayNodeId);
        return Task.CompletedTask;
    }

    public Task<PresenceSnapshot> EnterAsync(RoomConnection connection, RoomAccess access)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(access);
        _access = access;
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
                var count = _countsByOrganization[member.OrganizationId] = _countsByOrganization.GetValueOrDefault(member.OrganizationId) + 1;
                Publish(new MemberEntered(++_seq, member.OrganizationId, count, present, IsCounted(member.OrganizationId)));
            }
        }

        return Task.FromResult(Snapshot(connection.Member.OrganizationId));
    }

    public Task LeaveAsync(string connectionId)
    {
        RemoveConnection(connectionId);
        return Task.CompletedTask;
    }

    public Task<PresenceSnapshot> GetSnapshotAsync(string viewerOrganizationId) => Task.FromResult(Snapshot(viewerOrganizationId));

    public Task ApplyAccessAsync(RoomAccess access)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (!_access.CountedOrganizations.SetEquals(access.CountedOrganizations))
        {
            _access = access;
            Publish(new PresenceReset(++_seq));
        }

        return Task.CompletedTask;
    }

    public Task RevokeAsync(RoomRevocation revocation)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        var revoked = _connections.Values
            .Where(c => revocation.UserIds.Contains(c.Member.UserId) || c.Member.OrganizationId == revocation.OrganizationId)
            .ToList();

        // Tell each node first which of its connections go, so they receive nothing more, then let the others see them leave.
        foreach (var byNode in revoked.GroupBy(c => c.GatewayNodeId, StringComparer.Ordinal))
        {
            if (_subscriptions.TryGetValue(byNode.Key, out var subscription))
            {
                var eviction = new RoomEviction(Room, [.. byNode.Select(c => c.ConnectionId)], revocation.Code, revocation.Reason);
                Send(byNode.Key, () => subscription.Observer.EvictConnectionsAsync(eviction));
            }
        }

        foreach (var connection in revoked)
        {
            RemoveConnection(connection.ConnectionId);
        }

        if (revoked.Count > 0)
        {
            LogRevoked(logger, Room, revoked.Count, revocation.Code);
        }

        return Task.CompletedTask;
    }

    private Task SweepExpiredSubscriptionsAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var (gatewayNodeId, subscription) in _subscriptions.ToList())
        {
            if (subscription.ExpiresAt <= now)
            {
                LogSubscriptionExpired(logger, Room, gatewayNodeId);
                _subscriptions.Remove(gatewayNodeId);
                RemoveConnections(c => c.GatewayNodeId == gatewayNodeId);
            }
        }

        return Task.CompletedTask;
    }

    private void RemoveConnections(Func<RoomConnection, bool> predicate)
    {
        foreach (var connection in _connections.Values.Where(predicate).ToList())
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

        var member = connection.Member;
        var entry = _members[member.UserId];
        if (--entry.Connections > 0)
        {
            return;
        }

        _members.Remove(member.UserId);
        var count = _countsByOrganization[member.OrganizationId] - 1;
        if (count == 0)
        {
            _countsByOrganization.Remove(member.OrganizationId);
        }
        else
        {
            _countsByOrganization[member.OrganizationId] = count;
        }

        Publish(new MemberLeft(++_seq, member.OrganizationId, count, entry.Member, IsCounted(member.OrganizationId)));
    }

    private bool IsCounted(string organizationId) => _access.CountedOrganizations.Contains(organizationId);

    private void Publish(RoomEvent roomEvent)
    {
        var batch = new RoomEventBatch(Room, _epoch, [roomEvent]);
        foreach (var (gatewayNodeId, subscription) in _subscriptions)
        {
            Send(gatewayNodeId, () => subscription.Observer.ReceiveRoomEventsAsync(batch));
        }
    }

    /// <summary>Calls a node's observer. The calls are one-way: they return at once, whatever the node does.</summary>
    private void Send(string gatewayNodeId, Func<Task> call)
    {
        try
        {
            _ = call();
        }
        catch (Exception exception)
        {
            LogPublishFailed(logger, exception, Room, gatewayNodeId);
        }
    }

    private PresenceSnapshot Snapshot(string viewerOrganizationId)
    {
        var members = _members.Values.Select(e => e.Member)
            .Where(m => !IsCounted(m.OrganizationId) || m.OrganizationId == viewerOrganizationId)
            .OrderBy(m => m.DisplayName, StringComparer.Ordinal)
            .ThenBy(m => m.UserId, StringComparer.Ordinal)
            .ToImmutableArray();
        return new PresenceSnapshot(Room, _epoch, _seq, members, _countsByOrganization.ToImmutableDictionary(StringComparer.Ordinal));
    }

    private static PresentMember ToPresent(MemberIdentity member) =>
        new(member.UserId, member.DisplayName, member.OrganizationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {Room}: subscription of gateway node {GatewayNodeId} expired; its connections leave the room")]
    private static partial void LogSubscriptionExpired(ILogger logger, string room, string gatewayNodeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {Room}: access revoked for {ConnectionCount} connections ({Code})")]
    private static partial void LogRevoked(ILogger logger, string room, int connectionCount, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {Room}: calling gateway node {GatewayNodeId} failed")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string room, string gatewayNodeId);

    private sealed record GatewaySubscription(IGatewayObserver Observer, DateTimeOffset ExpiresAt);

    private sealed class PresentMemberEntry(PresentMember member)
    {
        public PresentMember Member { get; } = member;

        public int Connections { get; set; }
    }
}
