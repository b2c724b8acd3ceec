using Orleans.Concurrency;

namespace CoPLive.Documents;

/// <summary>
/// One per gateway node: receives what the documents it subscribed to relay, and hands it to the node's local
/// connections (y-websocket and SignalR). One-way, so a slow or dead node never holds up a document.
/// </summary>
[Alias("CoPLive.IDocumentObserver")]
public interface IDocumentObserver : IGrainObserver
{
    /// <summary>Updates a document accepted, in the order it accepted them.</summary>
    [OneWay, Alias("ReceiveUpdates")]
    Task ReceiveUpdatesAsync(DocumentUpdatesRelayed relayed);

    /// <summary>Sessions of some members must end now: the node closes them and tells them why.</summary>
    [OneWay, Alias("RevokeAccess")]
    Task RevokeAccessAsync(DocumentAccessRevoked revoked);

    /// <summary>Awareness (cursors, selections, who is editing) of one tick.</summary>
    [OneWay, Alias("ReceiveAwareness")]
    Task ReceiveAwarenessAsync(DocumentAwarenessRelayed awareness);
}
