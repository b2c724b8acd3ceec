using System.Collections.Immutable;
using System.Threading.Channels;
using CoPLive.Documents;
using CoPLive.Gateway.Live;
using CoPLive.Identity;
using Microsoft.AspNetCore.SignalR;

namespace CoPLive.Gateway.Documents;

/// <summary>A SignalR connection of /hubs/live with a document open: relayed updates and awareness go out in order, one send at a time.</summary>
public sealed partial class HubDocumentPeer : DocumentPeer
{
    private readonly Channel<object> _outgoing = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IHubContext<LiveHub, ILiveClient> _hub;
    private readonly ILogger _logger;

    public HubDocumentPeer(string documentId, string connectionId, MemberIdentity member, int rate, int burst, IHubContext<LiveHub, ILiveClient> hub, ILogger logger)
        : base(documentId, connectionId, member)
    {
        _hub = hub;
        _logger = logger;
        Limiter = new UpdateRateLimiter(rate, burst);
        _ = PumpAsync();
    }

    /// <summary>The connection's rate of updates to this document.</summary>
    public UpdateRateLimiter Limiter { get; }

    public override void DeliverUpdates(ImmutableArray<byte[]> updates, Lazy<byte[][]> frames) =>
        _outgoing.Writer.TryWrite(new DocumentUpdatesEvent(DocumentId, updates));

    public override void DeliverAwareness(byte[] update) => _outgoing.Writer.TryWrite(new DocumentAwarenessEvent(DocumentId, update));

    /// <summary>DocumentUpdates with the whole state (the update, then the log), then DocumentResync with the server's state vector.</summary>
    public override void Resync(DocumentOpened opened)
    {
        _outgoing.Writer.TryWrite(new DocumentUpdatesEvent(DocumentId, [opened.Update, .. opened.Tail]));
        _outgoing.Writer.TryWrite(new DocumentResyncEvent(DocumentId, opened.StateVector));
    }

    /// <summary>Called when the session is revoked, so that the connection's sessions forget it.</summary>
    public Action<HubDocumentPeer>? Revoked { get; set; }

    /// <summary>Sends AccessRevoked for the room "document:{id}" and ends the session.</summary>
    public override void Revoke(string code, string reason)
    {
        _outgoing.Writer.TryWrite(new AccessRevoked($"document:{DocumentId}", code, reason));
        Close();
        Revoked?.Invoke(this);
    }

    /// <summary>Stops sending (the document was closed or the connection went).</summary>
    public void Close() => _outgoing.Writer.TryComplete();

    private async Task PumpAsync()
    {
        await foreach (var item in _outgoing.Reader.ReadAllAsync())
        {
            try
            {
                var client = _hub.Clients.Client(ConnectionId);
                await (item switch
                {
                    DocumentUpdatesEvent updates => client.DocumentUpdates(updates),
                    DocumentAwarenessEvent awareness => client.DocumentAwareness(awareness),
                    DocumentResyncEvent resync => client.DocumentResync(resync),
                    _ => client.AccessRevoked((AccessRevoked)item),
                });
            }
            catch (Exception exception)
            {
                LogSendFailed(_logger, exception, DocumentId, ConnectionId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId}: sending to hub connection {ConnectionId} failed")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string documentId, string connectionId);
}
