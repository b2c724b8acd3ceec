using Microsoft.AspNetCore.SignalR;

namespace CoPLive.Bench.Baseline;

/// <summary>
/// The baseline: what a bare SignalR app does for presence. Entering a room joins its group and broadcasts one
/// "Joined" event to the whole group, the newcomer included; no batching, no grains.
/// </summary>
public sealed class BaselineHub(BaselineRooms rooms) : Hub<IBaselineClient>
{
    /// <summary>Enters <paramref name="room"/>; returns the room's entry number (how many entered before, plus one).</summary>
    public async Task<long> EnterRoom(string room)
    {
        var query = Context.GetHttpContext()?.Request.Query;
        var userId = query?["user"].ToString() ?? Context.ConnectionId;
        var member = new BaselineJoined(room, userId, query?["name"].ToString() ?? userId, query?["org"].ToString() ?? "", 0);
        await Groups.AddToGroupAsync(Context.ConnectionId, room);
        var seq = rooms.Enter(room, Context.ConnectionId, member);
        await Clients.Group(room).Joined(member with { Seq = seq });
        return seq;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        rooms.Remove(Context.ConnectionId);
        return Task.CompletedTask;
    }
}
