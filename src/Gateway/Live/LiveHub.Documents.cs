using System.Collections.Immutable;
using CoPLive.Common;
using CoPLive.Documents;
using CoPLive.Gateway.Documents;
using CoPLive.Gateway.Identity;

namespace CoPLive.Gateway.Live;

/// <summary>
/// Documents over the hub, for the web app: open (get the state or a diff, then receive others' updates), apply updates
/// (answered once they are durable), awareness, close. The document's grain decides who may read and write.
/// </summary>
public sealed partial class LiveHub
{
    /// <summary>
    /// Opens a document: the connection receives DocumentUpdates and DocumentAwareness from now on, and gets what it lacks
    /// for <paramref name="stateVector"/> (null or empty: the whole document) and the server's state vector.
    /// </summary>
    public async Task<DocumentOpened> OpenDocument(string documentId, byte[]? stateVector, HubDocumentSessions sessions, GatewayDocuments documents)
    {
        var member = Context.User!.ToMemberIdentity();
        var grain = grains.GetDocument(CoPLiveIds.Require(documentId, "document"));
        await grain.GetAsync(member);
        await sessions.OpenAsync(Context.ConnectionId, documentId, member);
        var opened = await grain.OpenAsync(member, stateVector);
        documents.RepairIfReactivated(documentId, opened.Epoch);
        return opened;
    }

    /// <summary>Applies updates (Yjs v1) to an open document; returns the log position of the last, once they are committed to storage.</summary>
    public Task<long> ApplyDocumentUpdates(string documentId, byte[][] updates, HubDocumentSessions sessions, GatewayDocuments documents)
    {
        var peer = sessions.Find(Context.ConnectionId, CoPLiveIds.Require(documentId, "document"))
            ?? throw CoPLiveException.Forbidden("Open the document (OpenDocument) before changing it.");
        var batch = (updates ?? []).ToImmutableArray();
        if (batch.IsEmpty)
        {
            throw CoPLiveException.Invalid("'updates' holds no update.");
        }

        if (!peer.Limiter.TryTake(batch.Length))
        {
            throw new CoPLiveException(ErrorCodes.RateLimited, "Too many updates per second on this connection; nothing was applied.");
        }

        return documents.ApplyAsync(peer, batch);
    }

    /// <summary>Sends the caller's awareness (y-protocols awareness update) for an open document; it is relayed with the next tick.</summary>
    public void SendDocumentAwareness(string documentId, byte[] update, HubDocumentSessions sessions, GatewayDocuments documents)
    {
        var peer = sessions.Find(Context.ConnectionId, CoPLiveIds.Require(documentId, "document"))
            ?? throw CoPLiveException.Forbidden("Open the document (OpenDocument) first.");
        if (update is null || update.Length > documents.Options.MaxAwarenessBytes)
        {
            throw new CoPLiveException(ErrorCodes.TooLarge, $"An awareness update may have at most {documents.Options.MaxAwarenessBytes} bytes.");
        }

        try
        {
            documents.SubmitAwareness(peer, update);
        }
        catch (CoPLive.Documents.Yjs.InvalidYjsUpdateException exception)
        {
            throw new CoPLiveException(ErrorCodes.InvalidUpdate, $"The awareness update does not decode: {exception.Message}");
        }
    }

    /// <summary>Closes a document: nothing more is sent for it, and the caller's awareness is cleared.</summary>
    public Task CloseDocument(string documentId, HubDocumentSessions sessions) =>
        sessions.CloseAsync(Context.ConnectionId, CoPLiveIds.Require(documentId, "document"));
}
