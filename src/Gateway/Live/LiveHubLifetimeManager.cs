using Microsoft.AspNetCore.SignalR;

namespace CoPLive.Gateway.Live;

/// <summary>
/// SignalR's default lifetime manager for the live hub, which also gives each connection its
/// <see cref="ClientOutbox"/>: the one public place where SignalR hands out a connection's
/// <see cref="HubConnectionContext"/>, which room events are written to.
/// </summary>
public sealed class LiveHubLifetimeManager(LiveClients clients, ILogger<DefaultHubLifetimeManager<LiveHub>> logger)
    : DefaultHubLifetimeManager<LiveHub>(logger)
{
    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        clients.Opened(connection);
        return base.OnConnectedAsync(connection);
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        await base.OnDisconnectedAsync(connection);
        clients.Closed(connection);
    }
}
