using CoPLive.Gateway.Live;
using CoPLive.Rooms;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoPLive.Testing;

/// <summary>
/// Follows one room's presence on one SignalR connection as a client would: the snapshot from EnterRoom,
/// then RoomEvents in sequence order. Records every event so tests can check numbering.
/// </summary>
public sealed class RoomWatcher : IDisposable
{
    private readonly object _lock = new();
    private readonly Dictionary<string, PresentMember> _members = new(StringComparer.Ordinal);
    private readonly List<RoomEvent> _events = [];
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

    public IReadOnlyList<RoomEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Enters the room through the hub and starts from the returned snapshot.</summary>
    public async Task<PresenceSnapshot> EnterAsync(HubConnection hub)
    {
        var snapshot = await hub.InvokeAsync<PresenceSnapshot>("EnterRoom", _room);
        lock (_lock)
        {
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

            _events.RemoveAll(e => e.Seq <= snapshot.Seq);
            foreach (var early in _events.ToList())
            {
                Apply(early);
            }
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
            // Events of another epoch are not comparable with this snapshot: note it, and let the test enter again.
            EpochChanged |= Snapshot is not null && batch.Epoch != Snapshot.Epoch;
            foreach (var roomEvent in EpochChanged ? [] : batch.Events)
            {
                _events.Add(roomEvent);
                if (Snapshot is not null && roomEvent.Seq > Snapshot.Seq)
                {
                    Apply(roomEvent);
                }
            }
        }

        Notify();
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
