using CoPLive.Gateway.Identity;
using CoPLive.Identity;
using CoPLive.Rooms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CoPLive.Gateway.Live;

/// <summary>
/// /hubs/live: rooms and presence. Thin: validate, ask the grain that owns the room, keep the node's rooms (<see cref="GatewayRooms"/>).
/// Errors reach the client as HubException messages "code: sentence" (see <see cref="LiveHubErrorFilter"/>).
/// </summary>
[Authorize]
public sealed partial class LiveHub(GatewayRooms rooms, GatewayNode node, IGrainFactory grains) : Hub<ILiveClient>
{
    /// <summary>
    /// Enters a room ("community:{id}") and returns who is there, as the caller's organization may see it,
    /// with the room's sequence number. Events with a higher sequence number follow as RoomEvents; ones at
    /// or below it are already in the snapshot.
    /// </summary>
    public async Task<PresenceSnapshot> EnterRoom(string room)
    {
        var (roomId, connection, access) = await JoinOnNodeAsync(room);
        if (roomId.Kind == RoomKind.Member)
        {
            return await grains.GetNotificationInbox(roomId.Id).EnterPersonalRoomAsync(connection.Member);
        }

        var snapshot = await grains.GetRoomPresence(roomId).EnterAsync(connection, access);
        rooms.RepairIfReactivated(roomId, snapshot.Epoch);
        await ConfirmEntryAsync(roomId, connection.Member);
        return snapshot;
    }

    /// <summary>
    /// Enters a room again after a reconnect, or after a gap in the sequence numbers: returns the events after
    /// <paramref name="afterSeq"/> of <paramref name="epoch"/> if the room still holds them all (Resumed), else a
    /// fresh snapshot to start from.
    /// </summary>
    public async Task<RoomEntry> ResumeRoom(string room, string epoch, long afterSeq)
    {
        var (roomId, connection, access) = await JoinOnNodeAsync(room);
        if (roomId.Kind == RoomKind.Member)
        {
            return await grains.GetNotificationInbox(roomId.Id).ResumePersonalRoomAsync(connection.Member, epoch ?? "", afterSeq);
        }

        var entry = await grains.GetRoomPresence(roomId).ResumeAsync(connection, access, epoch ?? "", afterSeq);
        rooms.RepairIfReactivated(roomId, entry.Snapshot.Epoch);
        await ConfirmEntryAsync(roomId, connection.Member);
        return entry;
    }

    /// <summary>
    /// A page of the room's roster, as the caller's organization may see it (snapshots of large rooms hold only
    /// the first page). The connection must be in the room.
    /// </summary>
    public Task<RosterPage> GetRoster(string room, int offset, int limit)
    {
        var member = Context.User!.ToMemberIdentity();
        var roomId = RoomId.Parse(room);
        if (!rooms.Contains(roomId, Context.ConnectionId))
        {
            throw Common.CoPLiveException.Forbidden("Enter the room before asking for its roster.");
        }

        if (roomId.Kind == RoomKind.Member)
        {
            return Task.FromResult(PersonalRoster(roomId, member, offset, limit));
        }

        return grains.GetRoomPresence(roomId).GetRosterAsync(member.OrganizationId, offset, limit);
    }

    /// <summary>
    /// Sends an ephemeral signal (a cursor, an awareness state; at most 4,000 characters) to everyone in the room,
    /// the caller included, as a signal-sent event. The connection must be in the room.
    /// </summary>
    /// <remarks>
    /// Checked here, so that the grain's call can be one-way: the hub returns once the signal is on its way, and
    /// a signal costs the room's grain one message instead of a request and its response.
    /// </remarks>
    public Task Signal(string room, string payload)
    {
        var roomId = RoomId.Parse(room);
        if (roomId.Kind == RoomKind.Member)
        {
            throw Common.CoPLiveException.Forbidden("A personal room carries notifications only; send signals in a shared room.");
        }

        if (!rooms.Contains(roomId, Context.ConnectionId))
        {
            throw Common.CoPLiveException.Forbidden("Enter the room before sending signals to it.");
        }

        if (SignalSent.Refusal(payload) is { } refusal)
        {
            throw refusal;
        }

        return grains.GetRoomPresence(roomId).SignalAsync(Context.ConnectionId, payload);
    }

    /// <summary>Leaves a room. Leaving a room one is not in changes nothing.</summary>
    public Task LeaveRoom(string room) => LeaveAsync(RoomId.Parse(room));

    /// <summary>
    /// Every connection enters its member's personal room ("member:{userId}"), which carries their
    /// notifications, so they arrive on each open connection whatever other rooms it is in, on any node. The
    /// room is kept on this node alone (see <see cref="PersonalRooms"/>): no grain call.
    /// </summary>
    public override Task OnConnectedAsync()
    {
        var member = Context.User!.ToMemberIdentity();
        return rooms.AddConnectionAsync(new RoomId(RoomKind.Member, member.UserId), Context.ConnectionId, member, RoomAccess.Open);
    }

    public override Task OnDisconnectedAsync(Exception? exception) =>
        rooms.RemoveConnectionAsync(Context.ConnectionId);

    /// <summary>
    /// Asks the room's owner whether the caller may be in it, then subscribes the node and counts the connection
    /// in the node's room before the caller enters presence, so that no event published after the snapshot is missed.
    /// </summary>
    private async Task<(RoomId Room, RoomConnection Connection, RoomAccess Access)> JoinOnNodeAsync(string room)
    {
        var member = Context.User!.ToMemberIdentity();
        var roomId = RoomId.Parse(room);
        var access = await AuthorizeAsync(roomId, member);

        await rooms.AddConnectionAsync(roomId, Context.ConnectionId, member, access);
        return (roomId, new RoomConnection(Context.ConnectionId, node.Id, member), access);
    }

    /// <summary>
    /// Asks the room's owner again once the connection is in presence, and takes it out if access ended meanwhile.
    /// A revocation that lands between the first authorization and the entry would otherwise miss this connection:
    /// the owner changes its state before it revokes, so either this second question sees the change, or the
    /// revocation reaches presence after the entry and evicts the connection as usual.
    /// </summary>
    private async Task ConfirmEntryAsync(RoomId room, MemberIdentity member)
    {
        try
        {
            await AuthorizeAsync(room, member);
        }
        catch (Common.CoPLiveException)
        {
            await LeaveAsync(room);
            throw;
        }
    }

    /// <summary>A personal room's roster: its member alone (a member's other tabs are the same member).</summary>
    private static RosterPage PersonalRoster(RoomId room, MemberIdentity member, int offset, int limit) =>
        offset < 0 || limit < 1
            ? throw Common.CoPLiveException.Invalid("A roster page needs an offset of 0 or more and a limit of 1 or more.")
            : new RosterPage(room.ToString(), offset, 1, [.. new[] { new PresentMember(member.UserId, member.DisplayName, member.OrganizationId) }.Skip(offset).Take(limit)]);

    private Task LeaveAsync(RoomId room) => rooms.RemoveConnectionAsync(room, Context.ConnectionId);

    private Task<RoomAccess> AuthorizeAsync(RoomId room, MemberIdentity member) => room.Kind switch
    {
        RoomKind.Community => grains.GetCommunity(room.Id).AuthorizeRoomEntryAsync(member),
        RoomKind.Meetup => grains.GetMeetup(room.Id).AuthorizeRoomEntryAsync(member),
        RoomKind.Thread => grains.GetThread(room.Id).AuthorizeRoomEntryAsync(member),
        RoomKind.Member => room.Id == member.UserId
            ? Task.FromResult(RoomAccess.Open)
            : throw new Common.CoPLiveException(Common.ErrorCodes.NotFound, "A member's personal room is theirs alone."),
        RoomKind.Document => grains.GetDocument(room.Id).AuthorizeRoomEntryAsync(member),
        _ => throw new Common.CoPLiveException(Common.ErrorCodes.NotFound, $"Rooms of kind '{room.Kind}' are not open yet."),
    };
}
