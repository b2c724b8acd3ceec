using CoPLive.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoPLive.Gateway.Tests;

/// <summary>A member's started hub connection that has entered a room, with a watcher following it; disposing closes both.</summary>
public sealed class RoomEntrant : IAsyncDisposable
{
    private RoomEntrant(HubConnection hub, RoomWatcher view)
    {
        Hub = hub;
        View = view;
    }

    public HubConnection Hub { get; }

    public RoomWatcher View { get; }

    public static async Task<RoomEntrant> EnterAsync(TestGateway gateway, Member member, string room)
    {
        var hub = gateway.Hub(member.Token);
        await hub.StartAsync();
        var view = new RoomWatcher(hub, room);
        await view.EnterAsync(hub);
        return new RoomEntrant(hub, view);
    }

    public async ValueTask DisposeAsync()
    {
        View.Dispose();
        await Hub.DisposeAsync();
    }
}
