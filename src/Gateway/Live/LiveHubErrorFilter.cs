using CoPLive.Common;
using CoPLive.Gateway.Api;
using CoPLive.Gateway.Operations;
using Microsoft.AspNetCore.SignalR;

namespace CoPLive.Gateway.Live;

/// <summary>
/// Turns refusals into HubException messages "code: sentence", which SignalR passes to the caller; anything
/// unexpected is logged with the method and connection, and the caller gets "internal-error". A grain call
/// that could not reach its silo, or timed out, gives "unavailable" (retry).
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
        catch (Exception exception) when (ClusterUnavailable.Is(exception))
        {
            // A grain call that could not reach its silo, or got no answer: the cluster is between a node's death
            // and its declaration (or overloaded). Nothing is wrong with the call itself; the caller may retry.
            LogUnavailable(logger, exception, invocationContext.HubMethodName, invocationContext.Context.ConnectionId);
            metrics.HubCallRejected(ErrorCodes.Unavailable);
            throw new HubException($"{ErrorCodes.Unavailable}: {ClusterUnavailable.Message}");
        }
        catch (Exception exception) when (exception is not HubException)
        {
            LogUnexpected(logger, exception, invocationContext.HubMethodName, invocationContext.Context.ConnectionId);
            metrics.HubCallRejected("internal-error");
            throw new HubException("internal-error: Something went wrong on the server; it has been logged.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub method {Method} for connection {ConnectionId}: the cluster did not answer")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, string connectionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub method {Method} failed for connection {ConnectionId}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string connectionId);
}
