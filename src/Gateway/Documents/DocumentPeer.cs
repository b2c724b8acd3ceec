using System.Collections.Immutable;
using CoPLive.Documents;
using CoPLive.Identity;

namespace CoPLive.Gateway.Documents;

/// <summary>
/// One local connection's session on one document: a y-websocket socket or a SignalR connection. What the document
/// relays reaches it through <see cref="DeliverUpdates"/> and <see cref="DeliverAwareness"/>, which only enqueue.
/// </summary>
public abstract class DocumentPeer(string documentId, string connectionId, MemberIdentity member)
{
    public string DocumentId { get; } = documentId;

    public string ConnectionId { get; } = connectionId;

    public MemberIdentity Member { get; } = member;

    /// <summary>Updates the document accepted from others; <paramref name="frames"/> are the same as y-websocket messages, made once per node.</summary>
    public abstract void DeliverUpdates(ImmutableArray<byte[]> updates, Lazy<byte[][]> frames);

    /// <summary>An awareness update (y-protocols encoding) of one tick.</summary>
    public abstract void DeliverAwareness(byte[] update);

    /// <summary>
    /// The document's grain was activated anew (its silo died, or it was deactivated) since this node subscribed:
    /// <paramref name="opened"/> is its whole state now and its state vector. The client gets the state (what it missed
    /// while no activation relayed to this node) and is asked for what the new activation lacks (updates relayed but
    /// never committed, or sent while no activation was there); Yjs ignores what it already has.
    /// </summary>
    public abstract void Resync(DocumentOpened opened);

    /// <summary>The member's access ended: the session ends, and the client is told why.</summary>
    public abstract void Revoke(string code, string reason);
}
