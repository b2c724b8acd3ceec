using CoPLive.Identity;

namespace CoPLive.Gateway.Live;

/// <summary>
/// The personal rooms ("member:{userId}") of this node's connections: for each member, their connections here
/// and those connections' outboxes. No grain per member: a personal room's events reach every node through the
/// <see cref="Notifications.IGatewayDirectoryGrain"/>, and each node sends them to the connections it holds here.
/// One lock for all: a connection enters and leaves once, and what it holds is a few references.
/// </summary>
public sealed class PersonalRooms
{
    private readonly Dictionary<string, Room> _rooms = new(StringComparer.Ordinal);

    /// <summary>How many members have at least one connection on this node.</summary>
    public int Count
    {
        get
        {
            lock (_rooms)
            {
                return _rooms.Count;
            }
        }
    }

    /// <summary>Puts the connection in its member's personal room on this node (again: no change).</summary>
    public void Add(MemberIdentity member, string connectionId, ClientOutbox? outbox)
    {
        lock (_rooms)
        {
            if (!_rooms.TryGetValue(member.UserId, out var room))
            {
                room = new Room(member.OrganizationId);
                _rooms[member.UserId] = room;
            }

            room.Connections.RemoveAll(c => c.ConnectionId == connectionId);
            room.Connections.Add((connectionId, outbox));
        }
    }

    /// <summary>Takes the connection out of its member's personal room; false if it was not in it.</summary>
    public bool Remove(string userId, string connectionId)
    {
        lock (_rooms)
        {
            if (!_rooms.TryGetValue(userId, out var room) || room.Connections.RemoveAll(c => c.ConnectionId == connectionId) == 0)
            {
                return false;
            }

            if (room.Connections.Count == 0)
            {
                _rooms.Remove(userId);
            }

            return true;
        }
    }

    /// <summary>The outboxes of the member's connections on this node (a new array).</summary>
    public ClientOutbox[] Outboxes(string userId)
    {
        lock (_rooms)
        {
            return _rooms.TryGetValue(userId, out var room)
                ? [.. room.Connections.Where(c => c.Outbox is not null).Select(c => c.Outbox!)]
                : [];
        }
    }

    /// <summary>The member's organization if they have a connection on this node.</summary>
    public string? OrganizationOf(string userId)
    {
        lock (_rooms)
        {
            return _rooms.TryGetValue(userId, out var room) ? room.OrganizationId : null;
        }
    }

    private sealed class Room(string organizationId)
    {
        public string OrganizationId { get; } = organizationId;

        /// <summary>Usually one or two (tabs); guarded by the lock of <see cref="PersonalRooms"/>.</summary>
        public List<(string ConnectionId, ClientOutbox? Outbox)> Connections { get; } = new(1);
    }
}
