using System.Collections.Concurrent;
using System.Collections.Immutable;
using CoPLive.Documents;
using CoPLive.Documents.Yjs;
using CoPLive.Gateway.Live;
using Microsoft.Extensions.Options;

namespace CoPLive.Gateway.Documents;

/// <summary>
/// The documents this node's connections have open. The first local peer of a document subscribes the node's one
/// <see cref="IDocumentObserver"/> with the document's grain (renewed like room subscriptions); the last one to go
/// unsubscribes. Relayed updates are turned into y-websocket frames once per node and handed to every local peer but
/// their origin. Awareness from local peers is gathered per document for one tick and relayed as one message.
/// When the grain loses the node's subscription (it was activated anew, or the subscription lapsed), it relays nothing
/// to the node: the first answer that shows it (an open's epoch, an apply's <see cref="DocumentUpdatesCommitted"/>, a
/// renewal) makes the node subscribe again and resync its local peers.
/// </summary>
public sealed partial class GatewayDocuments(
    IGrainFactory grains,
    GatewayNode node,
    DocumentObserver observer,
    IOptions<LiveOptions> live,
    IOptions<DocumentOptions> documentOptions,
    ILogger<GatewayDocuments> logger)
{
    /// <summary>How many documents' renewals may be on their way at once.</summary>
    private const int RenewalParallelism = 32;

    private readonly ConcurrentDictionary<string, LocalDocument> _documents = new(StringComparer.Ordinal);
    private IDocumentObserver? _reference;

    private IDocumentObserver Reference => _reference ??= grains.CreateObjectReference<IDocumentObserver>(observer);

    public DocumentOptions Options => documentOptions.Value;

    /// <summary>Adds a peer, subscribing the node first if it is the document's first local peer.</summary>
    public async Task AddAsync(DocumentPeer peer)
    {
        while (true)
        {
            var local = _documents.GetOrAdd(peer.DocumentId, id => new LocalDocument(id));
            await local.Gate.WaitAsync();
            try
            {
                // The last peer may have left (and retired this entry) while this one waited for the gate.
                if (!_documents.TryGetValue(peer.DocumentId, out var current) || !ReferenceEquals(current, local))
                {
                    continue;
                }

                if (!local.Subscribed)
                {
                    local.ExchangeEpoch(await grains.GetDocument(peer.DocumentId).SubscribeAsync(node.Id, Reference, live.Value.SubscriptionLifetime));
                    local.Subscribed = true;
                }

                local.Add(peer);
                return;
            }
            finally
            {
                local.Gate.Release();
            }
        }
    }

    /// <summary>Removes a peer: the awareness it announced is cleared for everyone; the node unsubscribes after its last local peer.</summary>
    public async Task RemoveAsync(DocumentPeer peer)
    {
        if (!_documents.TryGetValue(peer.DocumentId, out var local))
        {
            return;
        }

        await local.Gate.WaitAsync();
        try
        {
            var removals = local.Remove(peer);
            if (removals.Count > 0)
            {
                await FlushAwarenessAsync(local);
            }

            if (local.IsEmpty && local.Subscribed)
            {
                local.Subscribed = false;
                _documents.TryRemove(new KeyValuePair<string, LocalDocument>(local.DocumentId, local));
                await grains.GetDocument(peer.DocumentId).UnsubscribeAsync(node.Id);
            }
        }
        catch (Exception exception)
        {
            // The subscription lapses on its own.
            LogRemoveFailed(logger, exception, peer.DocumentId, peer.ConnectionId);
        }
        finally
        {
            local.Gate.Release();
        }
    }

    /// <summary>
    /// Applies a local peer's updates through the document's grain; returns the log position of the last, once they are
    /// committed. An answer that says this node holds no live subscription repairs it at once (<see cref="RepairIfReactivated"/>).
    /// </summary>
    public async Task<long> ApplyAsync(DocumentPeer peer, ImmutableArray<byte[]> updates)
    {
        var committed = await grains.GetDocument(peer.DocumentId).ApplyUpdatesAsync(peer.Member, node.Id, peer.ConnectionId, updates);
        RepairIfReactivated(peer.DocumentId, committed.Epoch, committed.NodeSubscribed);
        return committed.Position;
    }

    /// <summary>
    /// A call to the document's grain answered with <paramref name="epoch"/> (and, for applied updates, whether this
    /// node holds a live subscription). If it is not the epoch the node subscribed to, the grain was activated anew and
    /// knows nothing of this node; if the node is not subscribed, its subscription lapsed. Either way the grain relays
    /// nothing to this node, so the node renews at once (which subscribes it again and resyncs its local peers) rather
    /// than leaving them without others' edits until the next renewal. At most one such repair waits at a time.
    /// </summary>
    public void RepairIfReactivated(string documentId, string epoch, bool subscribed = true)
    {
        if (!_documents.TryGetValue(documentId, out var local) || !local.Subscribed || local.Epoch is not { } known
            || (known == epoch && subscribed))
        {
            return;
        }

        if (local.TryQueueRepair())
        {
            LogCallFoundNoSubscription(logger, documentId, known, epoch, subscribed);
            _ = RenewAsync(local);
        }
    }

    /// <summary>Awareness states this node knows of the document, as one update (for a new peer, or query-awareness).</summary>
    public byte[]? KnownAwareness(string documentId) => _documents.TryGetValue(documentId, out var local) ? local.KnownAwareness() : null;

    /// <summary>A local peer's awareness update: gathered for the document's next tick.</summary>
    /// <exception cref="InvalidYjsUpdateException">The bytes are not an awareness update.</exception>
    public void SubmitAwareness(DocumentPeer peer, ReadOnlySpan<byte> update)
    {
        var entries = AwarenessCodec.Decode(update);
        if (!_documents.TryGetValue(peer.DocumentId, out var local) || entries.Count == 0)
        {
            return;
        }

        local.Gather(peer.ConnectionId, entries);
        ScheduleFlush(local);
    }

    /// <summary>Relayed updates: to every local peer of the document but the one they came from.</summary>
    public void Deliver(DocumentUpdatesRelayed relayed)
    {
        if (!_documents.TryGetValue(relayed.DocumentId, out var local))
        {
            return;
        }

        var frames = new Lazy<byte[][]>(() => [.. relayed.Updates.Select(u => YjsMessages.UpdateMessage(u))]);
        foreach (var peer in local.Peers)
        {
            if (peer.ConnectionId != relayed.OriginConnectionId)
            {
                peer.DeliverUpdates(relayed.Updates, frames);
            }
        }
    }

    /// <summary>A revocation: the local peers of the members it names end their sessions.</summary>
    public void Deliver(DocumentAccessRevoked revoked)
    {
        if (!_documents.TryGetValue(revoked.DocumentId, out var local))
        {
            return;
        }

        foreach (var peer in local.Peers)
        {
            if (revoked.Revocation.Revokes(peer.Member))
            {
                LogRevoked(logger, revoked.DocumentId, peer.ConnectionId, peer.Member.UserId);
                peer.Revoke(revoked.Revocation.Code, revoked.Revocation.Reason);
                _ = RemoveAsync(peer);
            }
        }
    }

    /// <summary>Relayed awareness: remembered, and handed to every local peer.</summary>
    public void Deliver(DocumentAwarenessRelayed awareness)
    {
        if (!_documents.TryGetValue(awareness.DocumentId, out var local))
        {
            return;
        }

        try
        {
            local.Remember(AwarenessCodec.Decode(awareness.Update));
        }
        catch (InvalidYjsUpdateException exception)
        {
            LogBadAwareness(logger, exception, awareness.DocumentId);
            return;
        }

        foreach (var peer in local.Peers)
        {
            peer.DeliverAwareness(awareness.Update);
        }
    }

    /// <summary>
    /// Renews the node's subscription to every document with local peers, in parallel (a document whose grain does not
    /// answer, its silo dying, must not make the others lapse). A document whose grain answers with a new epoch was
    /// activated anew (its silo died, or it was deactivated); one whose subscription had lapsed took this node for dead.
    /// Either way it relayed nothing to this node meanwhile: each local peer is resynced (<see cref="DocumentPeer.Resync"/>).
    /// </summary>
    public Task RenewAllAsync(CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            _documents.Values.Where(d => d.Subscribed).ToList(),
            new ParallelOptions { MaxDegreeOfParallelism = RenewalParallelism, CancellationToken = cancellationToken },
            async (local, _) => await RenewAsync(local));

    /// <summary>
    /// Renews one document's subscription and, when the grain lost it (a new epoch or a lapse), resyncs the local peers,
    /// under the document's gate (so that a peer leaving does not resubscribe a node that just unsubscribed). A resync
    /// that fails half-way is tried again at the next renewal, though that renewal no longer sees a lapse or a new epoch.
    /// </summary>
    private async Task RenewAsync(LocalDocument local)
    {
        await local.Gate.WaitAsync();
        try
        {
            local.RepairStarted();
            if (!local.Subscribed || !_documents.TryGetValue(local.DocumentId, out var current) || !ReferenceEquals(current, local))
            {
                return;
            }

            var subscription = await grains.GetDocument(local.DocumentId).RenewSubscriptionAsync(node.Id, Reference, live.Value.SubscriptionLifetime);
            var known = local.ExchangeEpoch(subscription.Epoch);
            if (known is not null && known != subscription.Epoch)
            {
                local.ResyncDue = true;
                LogReactivated(logger, local.DocumentId, known, subscription.Epoch, local.Peers.Length);
            }
            else if (subscription.Lapsed)
            {
                local.ResyncDue = true;
                LogLapsed(logger, local.DocumentId, subscription.Epoch, local.Peers.Length);
            }

            if (local.ResyncDue)
            {
                await ResyncAsync(local);
                local.ResyncDue = false;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogRenewalFailed(logger, exception, local.DocumentId);
        }
        finally
        {
            local.Gate.Release();
        }
    }

    /// <summary>
    /// Gives each local peer the document's whole state and state vector, read once per member (each read is
    /// authorized as the member's own open would be; a member refused gets nothing and is left to revocation).
    /// </summary>
    private async Task ResyncAsync(LocalDocument local)
    {
        var grain = grains.GetDocument(local.DocumentId);
        var opened = new Dictionary<string, DocumentOpened?>(StringComparer.Ordinal);
        foreach (var peer in local.Peers)
        {
            if (!opened.TryGetValue(peer.Member.UserId, out var state))
            {
                try
                {
                    state = await grain.OpenAsync(peer.Member, null);
                    RepairIfReactivated(local.DocumentId, state.Epoch); // activated anew once more since the renewal
                }
                catch (CoPLive.Common.CoPLiveException exception)
                {
                    LogResyncRefused(logger, exception, local.DocumentId, peer.Member.UserId);
                    state = null;
                }

                opened[peer.Member.UserId] = state;
            }

            if (state is not null)
            {
                peer.Resync(state);
            }
        }
    }

    private void ScheduleFlush(LocalDocument local)
    {
        if (local.TryScheduleFlush())
        {
            _ = FlushLaterAsync(local);
        }
    }

    private async Task FlushLaterAsync(LocalDocument local)
    {
        try
        {
            await Task.Delay(Options.AwarenessTick);
            await FlushAwarenessAsync(local);
        }
        catch (Exception exception)
        {
            LogAwarenessFailed(logger, exception, local.DocumentId);
        }
    }

    private Task FlushAwarenessAsync(LocalDocument local)
    {
        var entries = local.TakePending();
        return entries.Count == 0
            ? Task.CompletedTask
            : grains.GetDocument(local.DocumentId).RelayAwarenessAsync(new DocumentAwarenessRelayed(local.DocumentId, node.Id, AwarenessCodec.Encode(entries)));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId}: connection {ConnectionId} could not leave; the node's subscription will lapse")]
    private static partial void LogRemoveFailed(ILogger logger, Exception exception, string documentId, string connectionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {DocumentId}: session {ConnectionId} of {UserId} revoked")]
    private static partial void LogRevoked(ILogger logger, string documentId, string connectionId, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId}: renewing the node's subscription failed")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception, string documentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {DocumentId}: its grain was activated anew (epoch {KnownEpoch} -> {Epoch}); resyncing {PeerCount} local peers")]
    private static partial void LogReactivated(ILogger logger, string documentId, string knownEpoch, string epoch, int peerCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {DocumentId}: the node's subscription had lapsed (epoch {Epoch}); resyncing {PeerCount} local peers")]
    private static partial void LogLapsed(ILogger logger, string documentId, string epoch, int peerCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {DocumentId}: a call found epoch {Epoch} (the node's: {KnownEpoch}; the node subscribed there: {Subscribed}); renewing at once")]
    private static partial void LogCallFoundNoSubscription(ILogger logger, string documentId, string knownEpoch, string epoch, bool subscribed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId}: resyncing {UserId}'s sessions was refused")]
    private static partial void LogResyncRefused(ILogger logger, Exception exception, string documentId, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId}: relaying awareness failed")]
    private static partial void LogAwarenessFailed(ILogger logger, Exception exception, string documentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId}: relayed awareness does not decode")]
    private static partial void LogBadAwareness(ILogger logger, Exception exception, string documentId);
}
