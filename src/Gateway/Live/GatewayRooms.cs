using System.Collections.Concurrent;
using CoPLive.Identity;
using CoPLive.Rooms;
using Microsoft.Extensions.Options;

namespace CoPLive.Gateway.Live;

/// <summary>
/// The rooms this node's connections are in, and each connection's organization. The first local
/// connection to enter a room subscribes the node's one <see cref="IGatewayObserver"/> with the room's
/// presence grain; the last one to leave unsubscribes it. Personal rooms ("member:{userId}") have no presence
/// grain: they are kept in <see cref="PersonalRooms"/>, and their events come through the gateway directory.
/// </summary>
public sealed partial class GatewayRooms(
    IGrainFactory grains,
    GatewayNode node,
    GatewayObserver observer,
    LiveClients clients,
    PersonalRooms personalRooms,
    IOptions<LiveOptions> options,
    ILogger<GatewayRooms> logger)
{
    private readonly ConcurrentDictionary<string, LocalRoom> _rooms = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConnectionRooms> _roomsByConnection = new(StringComparer.Ordinal);
    /// <summary>How many rooms' renewals may be on their way at once.</summary>
    private const int RenewalParallelism = 32;
    private const string PersonalRoomPrefix = RoomKind.Member + ":";

    private IGatewayObserver? _reference;

    /// <summary>The node's observer as a grain reference; created once (it must stay referenced while the node lives).</summary>
    private IGatewayObserver Reference => _reference ??= grains.CreateObjectReference<IGatewayObserver>(observer);

    /// <summary>The node's observer as a grain reference, for the gateway directory.</summary>
    public IGatewayObserver ObserverReference => Reference;

    /// <summary>Makes sure the node is subscribed to the room and counts the connection in; call before entering the presence grain.</summary>
    public async Task AddConnectionAsync(RoomId room, string connectionId, MemberIdentity member, RoomAccess access)
    {
        var rooms = _roomsByConnection.GetOrAdd(connectionId, _ => new ConnectionRooms());
        if (!rooms.TryReserve(room, options.Value.MaxRoomsPerConnection))
        {
            throw new Common.CoPLiveException(
                Common.ErrorCodes.TooLarge, $"A connection may be in at most {options.Value.MaxRoomsPerConnection} rooms.");
        }

        if (room.Kind == RoomKind.Member)
        {
            personalRooms.Add(member, connectionId, clients.Find(connectionId));
            rooms.Add(room);
            LogConnectionAdded(logger, room.ToString(), connectionId, member.UserId);
            return;
        }

        var local = _rooms.GetOrAdd(room.ToString(), _ => new LocalRoom(room));
        await local.Gate.WaitAsync();
        try
        {
            if (local.IsEmpty)
            {
                local.Epoch = await grains.GetRoomPresence(room).SubscribeAsync(node.Id, Reference, options.Value.SubscriptionLifetime);
            }

            local.Access = access;
            local.Add(connectionId, member, clients.Find(connectionId));
            rooms.Add(room);
            LogConnectionAdded(logger, room.ToString(), connectionId, member.UserId);
        }
        finally
        {
            local.Gate.Release();
        }
    }

    /// <summary>The connection leaves the room: the presence grain is told, and the node unsubscribes after its last local connection.</summary>
    public async Task RemoveConnectionAsync(RoomId room, string connectionId)
    {
        if (_roomsByConnection.TryGetValue(connectionId, out var rooms))
        {
            rooms.Remove(room);
        }

        if (room.Kind == RoomKind.Member)
        {
            if (personalRooms.Remove(room.Id, connectionId))
            {
                LogConnectionRemoved(logger, room.ToString(), connectionId);
            }

            return;
        }

        if (!_rooms.TryGetValue(room.ToString(), out var local))
        {
            return;
        }

        await local.Gate.WaitAsync();
        try
        {
            if (local.Remove(connectionId) is null)
            {
                return;
            }

            LogConnectionRemoved(logger, room.ToString(), connectionId);

            var presence = grains.GetRoomPresence(room);
            await presence.LeaveAsync(connectionId);
            if (local.IsEmpty)
            {
                await presence.UnsubscribeAsync(node.Id);
            }
        }
        finally
        {
            local.Gate.Release();
        }
    }

    /// <summary>A connection closed: it leaves every room it was in.</summary>
    public async Task RemoveConnectionAsync(string connectionId)
    {
        if (!_roomsByConnection.TryRemove(connectionId, out var rooms))
        {
            return;
        }

        foreach (var room in rooms.ToArray())
        {
            try
            {
                await RemoveConnectionAsync(room, connectionId);
            }
            catch (Exception exception)
            {
                // The subscription expires on its own; the grain then removes the connection.
                LogLeaveFailed(logger, exception, room.ToString(), connectionId);
            }
        }
    }

    /// <summary>
    /// Forgets connections the room's grain already took out of the room (an eviction). Returns those that
    /// were here, with their organizations. The node's subscription then lapses if no local connection is left.
    /// </summary>
    public IReadOnlyList<(string ConnectionId, string OrganizationId)> Forget(string room, IEnumerable<string> connectionIds)
    {
        List<(string, string)> forgotten = [];
        if (!_rooms.TryGetValue(room, out var local))
        {
            return forgotten;
        }

        foreach (var connectionId in connectionIds)
        {
            if (local.Remove(connectionId) is { } member)
            {
                forgotten.Add((connectionId, member.OrganizationId));
                if (_roomsByConnection.TryGetValue(connectionId, out var rooms))
                {
                    rooms.Remove(local.Room);
                }
            }
        }

        return forgotten;
    }

    /// <summary>How many rooms have at least one connection on this node (personal rooms included).</summary>
    public int RoomCount => _rooms.Values.Count(r => !r.IsEmpty) + personalRooms.Count;

    /// <summary>Whether the connection is in the room on this node.</summary>
    public bool Contains(RoomId room, string connectionId) =>
        _roomsByConnection.TryGetValue(connectionId, out var rooms) && rooms.Contains(room);

    /// <summary>The organizations of this node's connections in the room.</summary>
    public IReadOnlyCollection<string> LocalOrganizations(string room) =>
        PersonalRoomMember(room) is { } userId
            ? personalRooms.OrganizationOf(userId) is { } organizationId ? [organizationId] : []
            : _rooms.TryGetValue(room, out var local) ? local.Organizations() : [];

    /// <summary>The outboxes of this node's connections in the room (all, or those of one organization); a shared array, not to be changed.</summary>
    public ClientOutbox[] LocalOutboxes(string room, string? organizationId = null) =>
        PersonalRoomMember(room) is { } userId
            ? organizationId is null || organizationId == personalRooms.OrganizationOf(userId) ? personalRooms.Outboxes(userId) : []
            : _rooms.TryGetValue(room, out var local) ? local.Outboxes(organizationId) : [];

    /// <summary>The member whose personal room <paramref name="room"/> is, or null for any other room.</summary>
    private static string? PersonalRoomMember(string room) =>
        room.StartsWith(PersonalRoomPrefix, StringComparison.Ordinal) ? room[PersonalRoomPrefix.Length..] : null;

    /// <summary>
    /// Renews the node's subscription to every room that has local connections. When a room's epoch changed,
    /// its grain was re-activated without its presence (its silo died); when the subscription had lapsed, the
    /// grain took this node for dead (a renewal came too late). Either way the node enters its connections
    /// again: a new epoch tells their clients to take a fresh snapshot, a lapse shows them a gap in sequence
    /// numbers, after which they resume.
    /// </summary>
    public Task RenewAllAsync(CancellationToken cancellationToken) =>
        // In parallel: one room whose grain does not answer (its silo is dying) must not make the others lapse.
        Parallel.ForEachAsync(
            _rooms.Values.Where(r => !r.IsEmpty).ToList(),
            new ParallelOptions { MaxDegreeOfParallelism = RenewalParallelism, CancellationToken = cancellationToken },
            async (local, _) => await RenewAsync(local));

    /// <summary>
    /// A connection's entry answered with <paramref name="epoch"/>: if it is not the epoch the node subscribed
    /// to, the entry was the first call to reach a re-activated grain, which knows neither this node's
    /// subscription nor its other connections. The node renews that room at once (which repairs it) instead of
    /// leaving its clients without events until the next renewal.
    /// </summary>
    public void RepairIfReactivated(RoomId room, string epoch)
    {
        if (_rooms.TryGetValue(room.ToString(), out var local) && local.Epoch is not null && local.Epoch != epoch)
        {
            LogEntryFoundNewEpoch(logger, room.ToString(), epoch);
            _ = RenewAsync(local);
        }
    }

    /// <summary>
    /// Renews one room's subscription and, when the grain lost this node's connections (a lapse or a new
    /// epoch), enters them again. A repair that fails half-way is tried again at the next renewal, though that
    /// renewal no longer sees a lapse or a new epoch.
    /// </summary>
    private async Task RenewAsync(LocalRoom local)
    {
        try
        {
            var presence = grains.GetRoomPresence(local.Room);
            var subscription = await presence.RenewSubscriptionAsync(node.Id, Reference, options.Value.SubscriptionLifetime);
            if (subscription.Lapsed || (local.Epoch is not null && subscription.Epoch != local.Epoch))
            {
                local.RepairDue = subscription.Lapsed ? "the subscription had lapsed" : "the grain was re-activated";
            }

            local.Epoch = subscription.Epoch;
            if (local.RepairDue is { } why)
            {
                await EnterAgainAsync(local, presence, why);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogRenewalFailed(logger, exception, local.Room.ToString());
        }
    }

    /// <summary>Enters the room's local connections again, under the room's gate so that none that is leaving comes back.</summary>
    private async Task EnterAgainAsync(LocalRoom local, IRoomPresenceGrain presence, string why)
    {
        await local.Gate.WaitAsync();
        try
        {
            var connections = local.Connections();
            LogPresenceRebuilt(logger, local.Room.ToString(), connections.Count, why);
            foreach (var (connectionId, member) in connections)
            {
                await presence.EnterAsync(new RoomConnection(connectionId, node.Id, member), local.Access);
            }

            local.RepairDue = null;
        }
        finally
        {
            local.Gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Room {Room}: connection {ConnectionId} of {UserId} is in on this node")]
    private static partial void LogConnectionAdded(ILogger logger, string room, string connectionId, string userId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Room {Room}: connection {ConnectionId} left on this node")]
    private static partial void LogConnectionRemoved(ILogger logger, string room, string connectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {Room}: connection {ConnectionId} could not leave; its subscription will expire")]
    private static partial void LogLeaveFailed(ILogger logger, Exception exception, string room, string connectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {Room}: entering the node's {ConnectionCount} connections again ({Why})")]
    private static partial void LogPresenceRebuilt(ILogger logger, string room, int connectionCount, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {Room}: an entry found the grain at epoch {Epoch}, not the node's; renewing at once")]
    private static partial void LogEntryFoundNewEpoch(ILogger logger, string room, string epoch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {Room}: renewing the node's subscription failed")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception, string room);

    /// <summary>
    /// The rooms one connection is in: usually one or two (the personal room and the room on screen), so a small
    /// list under a lock, not a concurrent map per connection.
    /// </summary>
    private sealed class ConnectionRooms
    {
        private readonly List<RoomId> _rooms = new(2);

        /// <summary>True if the connection is in the room already or may enter one more.</summary>
        public bool TryReserve(RoomId room, int max)
        {
            lock (_rooms)
            {
                return _rooms.Contains(room) || _rooms.Count < max;
            }
        }

        public void Add(RoomId room)
        {
            lock (_rooms)
            {
                if (!_rooms.Contains(room))
                {
                    _rooms.Add(room);
                }
            }
        }

        public void Remove(RoomId room)
        {
            lock (_rooms)
            {
                _rooms.Remove(room);
            }
        }

        public bool Contains(RoomId room)
        {
            lock (_rooms)
            {
                return _rooms.Contains(room);
            }
        }

        public RoomId[] ToArray()
        {
            lock (_rooms)
            {
                return [.. _rooms];
            }
        }
    }

    /// <summary>A room's local connections. <see cref="Gate"/> orders subscribe and unsubscribe; a lock guards the map.</summary>
    private sealed class LocalRoom(RoomId room)
    {
        private readonly Dictionary<string, MemberIdentity> _members = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ClientOutbox> _outboxes = new(StringComparer.Ordinal);

        // What a send goes to, built on the first send after a change, so a join storm does not copy the room per join.
        private ClientOutbox[]? _allOutboxes;
        private Dictionary<string, ClientOutbox[]>? _outboxesByOrganization;

        public RoomId Room { get; } = room;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>The room's epoch when the node last subscribed.</summary>
        public string? Epoch { get; set; }

        /// <summary>Why the node must enter its connections again (a lapse or a re-activation), until it has; null when it need not.</summary>
        public string? RepairDue { get; set; }

        /// <summary>The room's rules as its owner last gave them, to enter connections again after a re-activation.</summary>
        public RoomAccess Access { get; set; } = RoomAccess.Open;

        public bool IsEmpty
        {
            get
            {
                lock (_members)
                {
                    return _members.Count == 0;
                }
            }
        }

        public void Add(string connectionId, MemberIdentity member, ClientOutbox? outbox)
        {
            lock (_members)
            {
                _members[connectionId] = member;
                if (outbox is not null)
                {
                    _outboxes[connectionId] = outbox;
                }

                _allOutboxes = null;
                _outboxesByOrganization = null;
            }
        }

        public ClientOutbox[] Outboxes(string? organizationId)
        {
            lock (_members)
            {
                if (organizationId is null)
                {
                    return _allOutboxes ??= [.. _outboxes.Values];
                }

                _outboxesByOrganization ??= new(StringComparer.Ordinal);
                if (!_outboxesByOrganization.TryGetValue(organizationId, out var outboxes))
                {
                    outboxes = [.. _outboxes.Where(o => _members[o.Key].OrganizationId == organizationId).Select(o => o.Value)];
                    _outboxesByOrganization[organizationId] = outboxes;
                }

                return outboxes;
            }
        }

        /// <summary>Removes the connection; returns its member, or null if it was not here.</summary>
        public MemberIdentity? Remove(string connectionId)
        {
            lock (_members)
            {
                if (!_members.Remove(connectionId, out var member))
                {
                    return null;
                }

                _outboxes.Remove(connectionId);
                _allOutboxes = null;
                _outboxesByOrganization = null;
                return member;
            }
        }

        public string[] Organizations()
        {
            lock (_members)
            {
                return [.. _members.Values.Select(m => m.OrganizationId).Distinct(StringComparer.Ordinal)];
            }
        }

        public List<KeyValuePair<string, MemberIdentity>> Connections()
        {
            lock (_members)
            {
                return [.. _members];
            }
        }
    }
}
