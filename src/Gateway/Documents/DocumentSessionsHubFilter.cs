using Microsoft.AspNetCore.SignalR;

namespace CoPLive.Gateway.Documents;

/// <summary>Closes a hub connection's open documents when it goes (their awareness is cleared for everyone).</summary>
public sealed class DocumentSessionsHubFilter(HubDocumentSessions sessions) : IHubFilter
{
    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            await sessions.CloseAllAsync(context.Context.ConnectionId);
        }
    }
}
