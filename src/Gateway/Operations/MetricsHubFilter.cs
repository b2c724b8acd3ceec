using Microsoft.AspNetCore.SignalR;

namespace CoPLive.Gateway.Operations;

/// <summary>Counts the live hub's open connections: a connection counts once its hub accepted it, until it closes.</summary>
public sealed class MetricsHubFilter(CoPLiveMetrics metrics) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        // SignalR does not call OnDisconnectedAsync for a connection whose OnConnectedAsync threw.
        await next(context);
        metrics.ConnectionOpened();
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            metrics.ConnectionClosed();
        }
    }
}
