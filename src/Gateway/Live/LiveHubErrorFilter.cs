using CoPLive.Common;
using CoPLive.Gateway.Operations;
using Microsoft.AspNetCore.SignalR;

namespace CoPLive.Gateway.Live;

/// <summary>
/// Turns refusals into HubException messages "code: sentence", which SignalR passes to the caller; anything
/// unexpected is logged with the method and connection, and the caller gets "internal-error".
/// </summary>
public sealed partial class LiveHubErrorFilter(CoPLiveMetrics metrics, ILogger<LiveHubErrorFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (CoPLiveException refusal)
        {
            metrics.HubCallRejected(refusal.Code);
            throw new HubException($"{refusal.Code}: {refusal.Message}");
        }
        catch (Exception exception) when (exception is not HubException)
        {
            LogUnexpected(logger, exception, invocationContext.HubMethodName, invocationContext.Context.ConnectionId);
            metrics.HubCallRejected("internal-error");
            throw new HubException("internal-error: Something went wrong on the server; it has been logged.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub method {Method} failed for connection {ConnectionId}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string connectionId);
}
