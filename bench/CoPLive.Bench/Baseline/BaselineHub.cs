using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CoPLive.Bench.Baseline;

/// <summary>
/// The baseline: what a bare SignalR app does for presence. Entering a room joins its group and broadcasts one
/// "Joined" event to the whole group, the newcomer included; no batching, no grains. For fan-out, a room is a
/// group joined quietly, and a broadcast is one group send. Like the gateway's hub, it requires a bearer token and
/// takes who is entering from its claims.
/// </summary>
[Authorize]
public sealed class BaselineHub(BaselineRooms rooms) : Hub<IBaselineClient>
{
    /// <summary>Enters <paramref name="room"/>; returns the room's entry number (how many entered before, plus one).</summary>
    public async Task<long> EnterRoom(string room)
    {
        var user = Context.User!;
        var userId = user.FindFirst("sub")?.Value ?? Context.ConnectionId;
        var member = new BaselineJoined(room, userId, user.FindFirst("name")?.Value ?? userId, user.FindFirst("org")?.Value ?? "", 0);
        await Groups.AddToGroupAsync(Context.ConnectionId, room);
        var seq = rooms.Enter(room, Context.ConnectionId, member);
        await Clients.Group(room).Joined(member with { Seq = seq });
        return seq;
    }

    /// <summary>Joins <paramref name="room"/>'s group and tells no one: the baseline for idle memory and fan-out.</summary>
    public Task JoinRoom(string room) => Groups.AddToGroupAsync(Context.ConnectionId, room);

    /// <summary>Sends <paramref name="payload"/> to everyone in <paramref name="room"/> (the caller too): one group send, awaited.</summary>
    public Task Broadcast(string room, string payload) => Clients.Group(room).Signal(room, payload);

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        rooms.Remove(Context.ConnectionId);
        return Task.CompletedTask;
    }
}
