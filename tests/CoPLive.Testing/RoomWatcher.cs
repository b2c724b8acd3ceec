using CoPLive.Gateway.Live;
using CoPLive.Rooms;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoPLive.Testing;

/// <summary>
/// Follows one room's presence on one SignalR connection as a client would (the web app's live.ts does the
/// same): the snapshot from EnterRoom, then RoomEvents of the snapshot's epoch in sequence order. Batches that
/// arrive while no snapshot applies (before the first, or while an EnterRoom is on its way) are held and, once
/// the snapshot is in, go through the same path as any later batch, so an event published between the grain's
/// snapshot and the answer is not lost. Records the events of the current epoch so tests can check numbering.
/// </summary>
public sealed class RoomWatcher : IDisposable
{
    private readonly object _lock = new();
    private readonly Dictionary<string, PresentMember> _members = new(StringComparer.Ordinal);
    private readonly List<(string Epoch, RoomEvent Event)> _events = [];
    private readonly List<(Func<RoomWatcher, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly List<AccessRevoked> _revocations = [];
    private readonly IDisposable _eventsHandler;
    private readonly IDisposable _revokedHandler;
    private readonly string _room;

    public RoomWatcher(HubConnection hub, string room)
    {
        _room = room;
        _eventsHandler = hub.On<RoomEventBatch>("RoomEvents", OnBatch);
        _revokedHandler = hub.On<AccessRevoked>("AccessRevoked", OnRevoked);
    }

    /// <summary>Present members per organization, as the events and the snapshot told.</summary>
    public IReadOnlyDictionary<string, int> Counts
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, int>(_counts);
            }
        }
    }

    /// <summary>The AccessRevoked messages received for this room.</summary>
    public IReadOnlyList<AccessRevoked> Revocations
    {
        get
        {
            lock (_lock)
            {
                return [.. _revocations];
            }
        }
    }

    public PresenceSnapshot? Snapshot { get; private set; }

    /// <summary>Whether events of another epoch arrived: the room's grain was re-activated; enter again.</summary>
    public bool EpochChanged { get; private set; }

    /// <summary>
    /// Whether an event came whose sequence number skips one after the snapshot: events were missed (this
    /// node's subscription lapsed, say); a client resumes, a test enters again.
    /// </summary>
    public bool GapSeen { get; private set; }

    private long _lastSeq;

    /// <summary>Batches held while no snapshot applies; null once one does.</summary>
    private List<RoomEventBatch>? _pending = [];

    /// <summary>How many EnterAsync calls are on their way.</summary>
    private int _entering;

    public IReadOnlyCollection<string> PresentUserIds
    {
        get
        {
            lock (_lock)
            {
                return [.. _members.Keys];
            }
        }
    }

    /// <summary>The events received after the snapshot, of its epoch (before the first snapshot: every event received).</summary>
    public IReadOnlyList<RoomEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events.Where(e => Snapshot is null || e.Epoch == Snapshot.Epoch).Select(e => e.Event)];
            }
        }
    }

    /// <summary>
    /// Enters the room through the hub and starts from the returned snapshot; batches that came meanwhile are
    /// applied after it (those of its epoch with a higher sequence number; one of another epoch sets
    /// <see cref="EpochChanged"/>).
    /// </summary>
    public async Task<PresenceSnapshot> EnterAsync(HubConnection hub)
    {
        lock (_lock)
        {
            _pending ??= [];
            _entering++;
        }

        PresenceSnapshot snapshot;
        try
        {
            snapshot = await hub.InvokeAsync<PresenceSnapshot>("EnterRoom", _room);
        }
        catch
        {
            lock (_lock)
            {
                _entering--;
                ReleasePending();
            }

            Notify();
            throw;
        }

        lock (_lock)
        {
            _entering--;
            Snapshot = snapshot;
            EpochChanged = false;
            GapSeen = false;
            _lastSeq = snapshot.Seq;
            _members.Clear();
            _counts.Clear();
            foreach (var (organization, count) in snapshot.CountsByOrganization)
            {
                _counts[organization] = count;
            }

            foreach (var member in snapshot.Members)
            {
                _members[member.UserId] = member;
            }

            _events.RemoveAll(e => e.Epoch != snapshot.Epoch || e.Event.Seq <= snapshot.Seq);
            ReleasePending();
        }

        Notify();
        return snapshot;
    }

    public Task WaitUntilAsync(Func<RoomWatcher, bool> condition, string what, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (condition(this))
            {
                return Task.CompletedTask;
            }

            _waiters.Add((condition, done));
        }

        return done.Task.Within(what, timeout);
    }

    public Task WaitForPresentAsync(string userId) =>
        WaitUntilAsync(w => w.PresentUserIds.Contains(userId), $"'{userId}' shows as present in {_room}");

    public Task WaitForAbsentAsync(string userId) =>
        WaitUntilAsync(w => !w.PresentUserIds.Contains(userId), $"'{userId}' shows as gone from {_room}");

    public Task WaitForRevocationAsync() =>
        WaitUntilAsync(w => w.Revocations.Count > 0, $"an AccessRevoked message arrives for {_room}");

    public void Dispose()
    {
        _eventsHandler.Dispose();
        _revokedHandler.Dispose();
    }

    private void OnRevoked(AccessRevoked revoked)
    {
        if (revoked.Room != _room)
        {
            return;
        }

        lock (_lock)
        {
            _revocations.Add(revoked);
        }

        Notify();
    }

    private void OnBatch(RoomEventBatch batch)
    {
        if (batch.Room != _room)
        {
            return;
        }

        lock (_lock)
        {
            _events.AddRange(batch.Events.Select(e => (batch.Epoch, e)));
            if (_pending is not null)
            {
                _pending.Add(batch);
            }
            else
            {
                Receive(batch);
            }
        }

        Notify();
    }

    /// <summary>Once a snapshot applies and no entry is on its way, the held batches go through <see cref="Receive"/> in arrival order.</summary>
    private void ReleasePending()
    {
        if (_entering > 0 || Snapshot is null || _pending is null)
        {
            return;
        }

        var pending = _pending;
        _pending = null;
        pending.ForEach(Receive);
    }

    /// <summary>
    /// Applies a batch to the snapshot: one of another epoch is not comparable with it (the room's grain was
    /// re-activated: enter again); events at or below the last applied sequence number are already in.
    /// </summary>
    private void Receive(RoomEventBatch batch)
    {
        if (batch.Epoch != Snapshot!.Epoch)
        {
            EpochChanged = true;
            return;
        }

        foreach (var roomEvent in batch.Events.Where(e => e.Seq > _lastSeq).OrderBy(e => e.Seq))
        {
            Apply(roomEvent);
        }
    }

    private void Apply(RoomEvent roomEvent)
    {
        GapSeen |= roomEvent.Seq > _lastSeq + 1;
        _lastSeq = Math.Max(_lastSeq, roomEvent.Seq);
        switch (roomEvent)
        {
            case MemberEntered { Member: var member } entered:
                _counts[entered.OrganizationId] = entered.OrganizationCount;
                if (member is not null)
                {
                    _members[member.UserId] = member;
                }

                break;
            case PresenceCounts counts:
                _counts.Clear();
                foreach (var (organization, count) in counts.CountsByOrganization)
                {
                    _counts[organization] = count;
                }

                break;
            case MemberLeft { Member: var member } left:
                _counts[left.OrganizationId] = left.OrganizationCount;
                if (member is not null)
                {
                    _members.Remove(member.UserId);
                }

                break;
        }
    }

    private void Notify()
    {
        List<TaskCompletionSource> ready = [];
        lock (_lock)
        {
            foreach (var waiter in _waiters.ToList())
            {
                if (waiter.Condition(this))
                {
                    _waiters.Remove(waiter);
                    ready.Add(waiter.Done);
                }
            }
        }

        foreach (var done in ready)
        {
            done.TrySetResult();
        }
    }
}
