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
    private readonly IDisposable _subscription;
    private readonly string _room;

    public RoomWatcher(HubConnection hub, string room)
    {
        _room = room;
        _subscription = hub.On<RoomEventBatch>("RoomEvents", OnBatch);
    }

    public PresenceSnapshot? Snapshot { get; private set; }

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

    public Task WaitUntilAsync(Func<RoomWatcher, bool> condition, string what)
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

        return done.Task.Within(what);
    }

    public Task WaitForPresentAsync(string userId) =>
        WaitUntilAsync(w => w.PresentUserIds.Contains(userId), $"'{userId}' shows as present in {_room}");

    public Task WaitForAbsentAsync(string userId) =>
        WaitUntilAsync(w => !w.PresentUserIds.Contains(userId), $"'{userId}' shows as gone from {_room}");

    public void Dispose() => _subscription.Dispose();

    private void OnBatch(RoomEventBatch batch)
    {
        if (batch.Room != _room)
        {
            return;
        }

        lock (_lock)
        {
            foreach (var roomEvent in batch.Events)
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
        switch (roomEvent)
        {
            case MemberEntered entered:
                _members[entered.Member.UserId] = entered.Member;
                break;
            case MemberLeft left:
                _members.Remove(left.Member.UserId);
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
