using CoPLive.Documents;

namespace CoPLive.Gateway.Documents;

/// <summary>The node's one document observer: hands what documents relay to <see cref="GatewayDocuments"/>, which only enqueues.</summary>
public sealed class DocumentObserver(Lazy<GatewayDocuments> documents) : IDocumentObserver
{
    public Task ReceiveUpdatesAsync(DocumentUpdatesRelayed relayed)
    {
        documents.Value.Deliver(relayed);
        return Task.CompletedTask;
    }

    public Task RevokeAccessAsync(DocumentAccessRevoked revoked)
    {
        documents.Value.Deliver(revoked);
        return Task.CompletedTask;
    }

    public Task ReceiveAwarenessAsync(DocumentAwarenessRelayed awareness)
    {
        documents.Value.Deliver(awareness);
        return Task.CompletedTask;
    }
}
