namespace CoPLive.Gateway.Documents;

/// <summary>
/// A document as one gateway node sees it: its local peers, the awareness states it knows (for new peers and
/// query-awareness), the awareness gathered for the next tick, and which client ids each local connection announced
/// (so they are cleared when it goes). <see cref="Gate"/> orders subscribing and unsubscribing; a lock guards the rest.
/// </summary>
public sealed class LocalDocument(string documentId)
{
    private readonly object _lock = new();
    private readonly Dictionary<string, DocumentPeer> _peers = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, AwarenessEntry> _states = [];
    private readonly Dictionary<ulong, AwarenessEntry> _pending = [];
    private readonly Dictionary<string, HashSet<ulong>> _clientsByConnection = new(StringComparer.Ordinal);
    private DocumentPeer[] _snapshot = [];

    public string DocumentId { get; } = documentId;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Whether the node is subscribed to the document's grain.</summary>
    public bool Subscribed { get; set; }

    private bool _flushScheduled;

    private string? _epoch;

    private int _repairQueued;

    /// <summary>
    /// Records the epoch the document's grain answered a subscription with; returns the one known before (null if
    /// none). A different one means the grain was activated anew since.
    /// </summary>
    public string? ExchangeEpoch(string epoch) => Interlocked.Exchange(ref _epoch, epoch);

    /// <summary>The epoch of the node's subscription (null before the first).</summary>
    public string? Epoch => Volatile.Read(ref _epoch);

    /// <summary>Whether the node must resync its local peers (after a lapse or a new activation), until it has. Under <see cref="Gate"/>.</summary>
    public bool ResyncDue { get; set; }

    /// <summary>True if the caller should start a prompt repair: none is waiting to start yet.</summary>
    public bool TryQueueRepair() => Interlocked.Exchange(ref _repairQueued, 1) == 0;

    /// <summary>A queued repair starts: a call answered from now on may queue another.</summary>
    public void RepairStarted() => Volatile.Write(ref _repairQueued, 0);

    public bool IsEmpty
    {
        get
        {
            lock (_lock)
            {
                return _peers.Count == 0;
            }
        }
    }

    /// <summary>The peers now, without locking (a copy made on each change).</summary>
    public DocumentPeer[] Peers => Volatile.Read(ref _snapshot);

    public void Add(DocumentPeer peer)
    {
        lock (_lock)
        {
            _peers[peer.ConnectionId] = peer;
            _snapshot = [.. _peers.Values];
        }
    }

    /// <summary>Removes the peer; returns the removal entries for the awareness states it announced (to relay).</summary>
    public List<AwarenessEntry> Remove(DocumentPeer peer)
    {
        lock (_lock)
        {
            if (!_peers.Remove(peer.ConnectionId, out var existing) || !ReferenceEquals(existing, peer))
            {
                if (existing is not null)
                {
                    _peers[peer.ConnectionId] = existing;
                }

                return [];
            }

            _snapshot = [.. _peers.Values];
            List<AwarenessEntry> removals = [];
            if (_clientsByConnection.Remove(peer.ConnectionId, out var clients))
            {
                foreach (var client in clients)
                {
                    var clock = Math.Max(_states.GetValueOrDefault(client).Clock, _pending.GetValueOrDefault(client).Clock);
                    var removal = new AwarenessEntry(client, clock + 1, "null");
                    _pending[client] = removal;
                    removals.Add(removal);
                }
            }

            return removals;
        }
    }

    /// <summary>Gathers a local connection's awareness entries for the next tick (the newest clock per client wins).</summary>
    public void Gather(string connectionId, IEnumerable<AwarenessEntry> entries)
    {
        lock (_lock)
        {
            if (!_clientsByConnection.TryGetValue(connectionId, out var clients))
            {
                _clientsByConnection[connectionId] = clients = [];
            }

            foreach (var entry in entries)
            {
                clients.Add(entry.ClientId);
                if (!_pending.TryGetValue(entry.ClientId, out var known) || known.Clock <= entry.Clock)
                {
                    _pending[entry.ClientId] = entry;
                }
            }
        }
    }

    /// <summary>True if the caller should schedule a flush (none is scheduled yet).</summary>
    public bool TryScheduleFlush()
    {
        lock (_lock)
        {
            if (_flushScheduled)
            {
                return false;
            }

            _flushScheduled = true;
            return true;
        }
    }

    /// <summary>Takes the tick's gathered awareness (empty if none).</summary>
    public List<AwarenessEntry> TakePending()
    {
        lock (_lock)
        {
            _flushScheduled = false;
            List<AwarenessEntry> taken = [.. _pending.Values];
            _pending.Clear();
            return taken;
        }
    }

    /// <summary>Remembers relayed awareness states (a removal forgets the client).</summary>
    public void Remember(IEnumerable<AwarenessEntry> entries)
    {
        lock (_lock)
        {
            foreach (var entry in entries)
            {
                if (_states.TryGetValue(entry.ClientId, out var known) && known.Clock > entry.Clock)
                {
                    continue;
                }

                if (entry.IsRemoved)
                {
                    _states.Remove(entry.ClientId);
                }
                else
                {
                    _states[entry.ClientId] = entry;
                }
            }
        }
    }

    /// <summary>Every awareness state known, as one awareness update, or null if none.</summary>
    public byte[]? KnownAwareness()
    {
        lock (_lock)
        {
            return _states.Count == 0 ? null : AwarenessCodec.Encode([.. _states.Values]);
        }
    }
}
