using System.Collections.Immutable;
using System.Security.Cryptography;
using CoPLive.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoPLive.Rooms;

/// <inheritdoc cref="IRoomPresenceGrain"/>
/// <remarks>
/// <para>
/// Presence is counted per member, not per connection: a member with two tabs open is present once, and
/// leaves when the last tab goes. Subscriptions of gateway nodes expire unless renewed; when one expires,
/// that node is taken for dead and its connections leave the room.
/// </para>
/// <para>
/// Changes gather for a tick and go out as one batch per gateway node: a member who came and went within
/// the tick produces nothing. A large room publishes one presence-counts event per tick instead of its
/// members, and pages its roster, so that a join storm of N costs about N times the ticks it lasts, not N².
/// </para>
/// <para>
/// Members of a "counted" organization are named only to viewers of their own organization: snapshots and
/// roster pages are filtered here, and events are marked <see cref="RoomEvent.VariesByOrganization"/> so that each
/// gateway node sends other organizations the copy without the member (same sequence number).
/// </para>
/// </remarks>
public sealed partial class RoomPresenceGrain(IOptions<PresenceOptions> options, ILogger<RoomPresenceGrain> logger)
    : Grain, IRoomPresenceGrain
{
    private static readonly TimeSpan SweepPeriod = TimeSpan.FromSeconds(5);

    private readonly PresenceOptions _options = options.Value;
    private readonly Dictionary<string, GatewaySubscription> _subscriptions = new(StringComparer.Ordinal);

    // Gateway nodes that entered connections while holding no subscription, and since when (see SweepExpiredSubscriptionsAsync).
    private readonly Dictionary<string, DateTimeOffset> _unsubscribedSince = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RoomConnection> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PresentMemberEntry> _members = new(StringComparer.Ordinal);
    private readonly SortedSet<PresentMember> _roster = new(RosterOrder.Instance);
    private readonly Dictionary<string, int> _countsByOrganization = new(StringComparer.Ordinal);

    /// <summary>For each member changed during the current tick: who they were if present when it began, else null.</summary>
    private readonly Dictionary<string, PresentMember?> _presentBeforeTick = new(StringComparer.Ordinal);
    /// <summary>The most recent published events, oldest first, for clients that resume.</summary>
    private readonly Queue<RoomEvent> _recent = new();
    private readonly string _epoch = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
    private RoomAccess _access = RoomAccess.Open;
    private IGrainTimer? _flushTimer;
    private bool _publishedLarge;
    private long _seq;

    private string Room => this.GetPrimaryKeyString();

    private bool IsLarge => _members.Count >= _options.LargeRoomThreshold;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(SweepExpiredSubscriptionsAsync, SweepPeriod, SweepPeriod);
        LogActivated(logger, Room, RuntimeIdentity, _epoch);
        return Task.CompletedTask;
    }

    public Task<string> SubscribeAsync(string gatewayNodeId, IGatewayObserver observer, TimeSpan lifetime)
    {
        _subscriptions[gatewayNodeId] = new GatewaySubscription(observer, DateTimeOffset.UtcNow + lifetime);
        _unsubscribedSince.Remove(gatewayNodeId);
        return Task.FromResult(_epoch);
    }

    public Task<RoomSubscription> RenewSubscriptionAsync(string gatewayNodeId, IGatewayObserver observer, TimeSpan lifetime)
    {
        var lapsed = !_subscriptions.ContainsKey(gatewayNodeId);
        if (lapsed)
        {
            LogSubscriptionLapsed(logger, Room, gatewayNodeId, _epoch);
        }

        _subscriptions[gatewayNodeId] = new GatewaySubscription(observer, DateTimeOffset.UtcNow + lifetime);
        _unsubscribedSince.Remove(gatewayNodeId);
        return Task.FromResult(new RoomSubscription(_epoch, lapsed));
    }

    public Task UnsubscribeAsync(string gatewayNodeId)
    {
        _subscriptions.Remove(gatewayNodeId);
        _unsubscribedSince.Remove(gatewayNodeId);
        RemoveConnections(c => c.GatewayNodeId == gatewayNodeId);
        return Task.CompletedTask;
    }

    public Task<PresenceSnapshot> EnterAsync(RoomConnection connection, RoomAccess access)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(access);
        _access = access;
        if (!_subscriptions.ContainsKey(connection.GatewayNodeId))
        {
            _unsubscribedSince.TryAdd(connection.GatewayNodeId, DateTimeOffset.UtcNow);
        }

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
                NoteChange(member.UserId, before: null);
                _members[member.UserId] = new PresentMemberEntry(present) { Connections = 1 };
                _roster.Add(present);
                _countsByOrganization[member.OrganizationId] = _countsByOrganization.GetValueOrDefault(member.OrganizationId) + 1;
            }
        }

        return Task.FromResult(Snapshot(connection.Member.OrganizationId));
    }

    public async Task<RoomEntry> ResumeAsync(RoomConnection connection, RoomAccess access, string epoch, long afterSeq)
    {
        var snapshot = await EnterAsync(connection, access);
        var viewer = connection.Member.OrganizationId;
        var resumable = epoch == _epoch
            && afterSeq <= _seq
            && (afterSeq == _seq || (_recent.Count > 0 && _recent.Peek().Seq <= afterSeq + 1));
        return resumable
            ? new RoomEntry(true, [.. _recent.Where(e => e.Seq > afterSeq).Select(e => e.For(viewer))], snapshot)
            : new RoomEntry(false, [], snapshot);
    }

    public Task LeaveAsync(string connectionId)
    {
        RemoveConnection(connectionId);
        return Task.CompletedTask;
    }

    public Task<PresenceSnapshot> GetSnapshotAsync(string viewerOrganizationId) => Task.FromResult(Snapshot(viewerOrganizationId));

    public Task<RosterPage> GetRosterAsync(string viewerOrganizationId, int offset, int limit)
    {
        if (offset < 0 || limit < 1)
        {
            throw Common.CoPLiveException.Invalid("A roster page needs an offset of 0 or more and a limit of 1 or more.");
        }

        var page = Visible(viewerOrganizationId).Skip(offset).Take(Math.Min(limit, _options.RosterPageSize)).ToImmutableArray();
        return Task.FromResult(new RosterPage(Room, offset, VisibleTotal(viewerOrganizationId), page));
    }

    public Task ApplyAccessAsync(RoomAccess access)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (!_access.CountedOrganizations.SetEquals(access.CountedOrganizations))
        {
            Flush();
            _access = access;
            Publish([new PresenceReset(++_seq)]);
        }

        return Task.CompletedTask;
    }

    public Task RevokeAsync(RoomRevocation revocation)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        var revoked = _connections.Values.Where(c => revocation.Revokes(c.Member)).ToList();

        // Tell each node first which of its connections go, so they receive nothing more; the others see them leave at the next tick.
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

    public Task PublishAsync(ImmutableArray<RoomEvent> events)
    {
        if (events.IsDefaultOrEmpty)
        {
            return Task.CompletedTask;
        }

        Publish([.. events.Select(e => e with { Seq = ++_seq })]);
        return Task.CompletedTask;
    }

    public Task SignalAsync(string connectionId, string payload)
    {
        if (!_connections.TryGetValue(connectionId ?? "", out var connection) || SignalSent.Refusal(payload) is not null)
        {
            // The gateway refused what it could see; this is a connection evicted while its signal was on its way.
            LogSignalDropped(logger, Room, connectionId);
            return Task.CompletedTask;
        }

        var member = connection.Member;
        Publish([new SignalSent(++_seq, member.UserId, member.OrganizationId, payload, IsCounted(member.OrganizationId))]);
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

        // A node that entered connections without a subscription subscribes at its next renewal; one that did not
        // within the grace died in between, and its connections would otherwise stay present until the grain goes.
        foreach (var (gatewayNodeId, since) in _unsubscribedSince.ToList())
        {
            if (since + _options.UnsubscribedConnectionGrace <= now)
            {
                _unsubscribedSince.Remove(gatewayNodeId);
                if (!_subscriptions.ContainsKey(gatewayNodeId))
                {
                    LogUnsubscribedNodeGone(logger, Room, gatewayNodeId, _options.UnsubscribedConnectionGrace);
                    RemoveConnections(c => c.GatewayNodeId == gatewayNodeId);
                }
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

        NoteChange(member.UserId, before: entry.Member);
        _members.Remove(member.UserId);
        _roster.Remove(entry.Member);
        var count = _countsByOrganization[member.OrganizationId] - 1;
        if (count == 0)
        {
            _countsByOrganization.Remove(member.OrganizationId);
        }
        else
        {
            _countsByOrganization[member.OrganizationId] = count;
        }
    }

    /// <summary>Remembers who the member was when the tick began (the first change in a tick wins), and makes sure a flush is due.</summary>
    private void NoteChange(string userId, PresentMember? before)
    {
        _presentBeforeTick.TryAdd(userId, before);
        _flushTimer ??= this.RegisterGrainTimer(
            FlushAsync,
            IsLarge ? _options.LargeRoomTick : _options.Tick,
            Timeout.InfiniteTimeSpan);
    }

    private Task FlushAsync(CancellationToken cancellationToken)
    {
        Flush();
        return Task.CompletedTask;
    }

    /// <summary>Publishes what changed since the last flush, as one batch.</summary>
    private void Flush()
    {
        _flushTimer?.Dispose();
        _flushTimer = null;
        if (_presentBeforeTick.Count == 0)
        {
            return;
        }

        ReportAttendance();
        List<RoomEvent> events = [];
        if (IsLarge)
        {
            events.Add(new PresenceCounts(++_seq, _countsByOrganization.ToImmutableDictionary(StringComparer.Ordinal), _members.Count));
        }
        else if (_publishedLarge)
        {
            // Clients of a large room hold no roster to update: they take a fresh snapshot.
            events.Add(new PresenceReset(++_seq));
        }
        else
        {
            foreach (var (userId, before) in _presentBeforeTick)
            {
                var after = _members.GetValueOrDefault(userId)?.Member;
                if (before is null && after is not null)
                {
                    events.Add(new MemberEntered(++_seq, after.OrganizationId, Count(after.OrganizationId), after, IsCounted(after.OrganizationId)));
                }
                else if (before is not null && after is null)
                {
                    events.Add(new MemberLeft(++_seq, before.OrganizationId, Count(before.OrganizationId), before, IsCounted(before.OrganizationId)));
                }
            }
        }

        _publishedLarge = IsLarge;
        _presentBeforeTick.Clear();
        if (events.Count > 0)
        {
            Publish(events);
        }
    }

    /// <summary>Tells the owner of a meetup room who arrived and left during the tick (for its attendance).</summary>
    private void ReportAttendance()
    {
        if (!RoomId.TryParse(Room, out var room) || room.Value.Kind != RoomKind.Meetup)
        {
            return;
        }

        var entered = _presentBeforeTick.Where(c => c.Value is null && _members.ContainsKey(c.Key)).Select(c => _members[c.Key].Member).ToImmutableArray();
        var left = _presentBeforeTick.Where(c => c.Value is not null && !_members.ContainsKey(c.Key)).Select(c => c.Value!).ToImmutableArray();
        if (entered.Length + left.Length > 0)
        {
            Send(room.Value.Id, () => GrainFactory.GetMeetup(room.Value.Id).RecordPresenceAsync(entered, left));
        }
    }

    private int Count(string organizationId) => _countsByOrganization.GetValueOrDefault(organizationId);

    private bool IsCounted(string organizationId) => _access.CountedOrganizations.Contains(organizationId);

    private void Publish(List<RoomEvent> events)
    {
        foreach (var roomEvent in events)
        {
            _recent.Enqueue(roomEvent);
            if (_recent.Count > _options.ReplayEvents)
            {
                _recent.Dequeue();
            }
        }

        var batch = new RoomEventBatch(Room, _epoch, [.. events]);
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

    private IEnumerable<PresentMember> Visible(string viewerOrganizationId) =>
        _access.CountedOrganizations.IsEmpty
            ? _roster
            : _roster.Where(m => !IsCounted(m.OrganizationId) || m.OrganizationId == viewerOrganizationId);

    private int VisibleTotal(string viewerOrganizationId) =>
        _members.Count - _access.CountedOrganizations.Where(o => o != viewerOrganizationId).Sum(Count);

    private PresenceSnapshot Snapshot(string viewerOrganizationId)
    {
        var page = Visible(viewerOrganizationId).Take(_options.RosterPageSize).ToImmutableArray();
        return new PresenceSnapshot(
            Room,
            _epoch,
            _seq,
            page,
            _countsByOrganization.ToImmutableDictionary(StringComparer.Ordinal),
            RosterComplete: page.Length == VisibleTotal(viewerOrganizationId),
            Large: IsLarge);
    }

    private static PresentMember ToPresent(MemberIdentity member) =>
        new(member.UserId, member.DisplayName, member.OrganizationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {Room}: gateway node {GatewayNodeId} entered connections without a subscription and did not subscribe within {Grace}; its connections leave the room")]
    private static partial void LogUnsubscribedNodeGone(ILogger logger, string room, string gatewayNodeId, TimeSpan grace);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {Room}: subscription of gateway node {GatewayNodeId} expired; its connections leave the room")]
    private static partial void LogSubscriptionExpired(ILogger logger, string room, string gatewayNodeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {Room}: activated on silo {Silo} with epoch {Epoch}")]
    private static partial void LogActivated(ILogger logger, string room, string silo, string epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {Room}: gateway node {GatewayNodeId} renewed a lapsed subscription (epoch {Epoch}); it enters its connections again")]
    private static partial void LogSubscriptionLapsed(ILogger logger, string room, string gatewayNodeId, string epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {Room}: access revoked for {ConnectionCount} connections ({Code})")]
    private static partial void LogRevoked(ILogger logger, string room, int connectionCount, string code);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Room {Room}: a signal of connection {ConnectionId}, which is not in the room, was dropped")]
    private static partial void LogSignalDropped(ILogger logger, string room, string? connectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {Room}: calling gateway node {GatewayNodeId} failed")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string room, string gatewayNodeId);

    private sealed record GatewaySubscription(IGatewayObserver Observer, DateTimeOffset ExpiresAt);

    private sealed class PresentMemberEntry(PresentMember member)
    {
        public PresentMember Member { get; } = member;

        public int Connections { get; set; }
    }

    /// <summary>The roster's order: display name, then user id (ordinal, so it is total and stable).</summary>
    private sealed class RosterOrder : IComparer<PresentMember>
    {
        public static readonly RosterOrder Instance = new();

        public int Compare(PresentMember? x, PresentMember? y)
        {
            var byName = string.CompareOrdinal(x?.DisplayName, y?.DisplayName);
            return byName != 0 ? byName : string.CompareOrdinal(x?.UserId, y?.UserId);
        }
    }
}
