using System.Diagnostics;
using System.Security.Claims;
using CoPLive.Common;
using CoPLive.Gateway.Identity;
using CoPLive.Gateway.Operations;

namespace CoPLive.Gateway.Documents;

/// <summary>
/// /yjs/{documentId}: the standard y-websocket protocol, token in the <c>token</c> or <c>access_token</c> query
/// parameter. Who may read is asked of the document before the upgrade, so an outsider gets a plain 404 (not-found).
/// </summary>
public static partial class YjsEndpoint
{
    public static IEndpointRouteBuilder MapYjsEndpoint(this IEndpointRouteBuilder routes)
    {
        routes.Map("/yjs/{documentId}", ConnectAsync).RequireAuthorization();
        return routes;
    }

    private static async Task ConnectAsync(
        HttpContext context, string documentId, ClaimsPrincipal user, IGrainFactory grains, GatewayDocuments documents, CoPLiveMetrics metrics, ILoggerFactory loggers)
    {
        var timing = new DocumentOpenTiming();
        var member = user.ToMemberIdentity();
        var grain = grains.GetDocument(CoPLiveIds.Require(documentId, "document"));
        if (!context.WebSockets.IsWebSocketRequest)
        {
            throw CoPLiveException.Invalid("Connect with a WebSocket and speak the y-websocket protocol.");
        }

        await grain.GetAsync(member);
        timing.Authorized = Stopwatch.GetTimestamp();
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        timing.Upgraded = Stopwatch.GetTimestamp();
        var peer = new WebSocketDocumentPeer(
            documentId, $"yws-{context.Connection.Id}-{context.TraceIdentifier}", member, socket, grain, documents, loggers.CreateLogger<WebSocketDocumentPeer>())
        {
            OpenTiming = timing,
            Metrics = metrics,
        };
        await documents.AddAsync(peer);
        try
        {
            await peer.RunAsync(context.RequestAborted);
        }
        finally
        {
            await documents.RemoveAsync(peer);
        }
    }
}
