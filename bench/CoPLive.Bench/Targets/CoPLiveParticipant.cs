using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoPLive.Bench.Targets;

/// <summary>
/// A CoPLive client: starts from the snapshot EnterRoom returns, then applies RoomEvents in sequence order, as
/// docs/protocol.md says. member-entered and member-left set their organization's count; any event that carries
/// countsByOrganization (presence-counts) replaces all counts; other types only count as deliveries.
/// </summary>
internal sealed class CoPLiveParticipant : Participant
{
    private readonly object _lock = new();
    private readonly string _room;
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly List<PresenceChange> _early = [];
    private readonly IDisposable _handler;
    private string? _epoch;
    private long _seq;

    public CoPLiveParticipant(int index, HubConnection hub, string room, ConvergenceTracker tracker)
        : base(index, hub, tracker)
    {
        _room = room;
        _handler = hub.On<JsonElement>("RoomEvents", OnBatch);
    }

    /// <summary>Whether events of another epoch arrived (the room's grain was re-activated).</summary>
    public bool EpochChanged { get; private set; }

    protected override async Task EnterCoreAsync(CancellationToken cancellationToken)
    {
        var snapshot = await Hub.InvokeAsync<JsonElement>("EnterRoom", _room, cancellationToken);
        int total;
        lock (_lock)
        {
            _epoch = snapshot.GetProperty("epoch").GetString();
            _seq = snapshot.GetProperty("seq").GetInt64();
            _counts.Clear();
            foreach (var count in snapshot.GetProperty("countsByOrganization").EnumerateObject())
            {
                _counts[count.Name] = count.Value.GetInt32();
            }

            foreach (var change in _early.OrderBy(c => c.Seq))
            {
                Apply(change);
            }

            _early.Clear();
            total = _counts.Values.Sum();
        }

        SetTotal(total);
    }

    private void OnBatch(JsonElement batch)
    {
        var events = batch.GetProperty("events");
        Received(events.GetArrayLength());
        if (batch.GetProperty("room").GetString() != _room)
        {
            return;
        }

        var epoch = batch.GetProperty("epoch").GetString();
        int total;
        lock (_lock)
        {
            foreach (var roomEvent in events.EnumerateArray())
            {
                var change = PresenceChange.From(roomEvent);
                if (_epoch is null)
                {
                    _early.Add(change);
                }
                else if (epoch != _epoch)
                {
                    EpochChanged = true;
                }
                else
                {
                    Apply(change);
                }
            }

            if (_epoch is null)
            {
                return;
            }

            total = _counts.Values.Sum();
        }

        SetTotal(total);
    }

    private void Apply(PresenceChange change)
    {
        if (change.Seq <= _seq)
        {
            return;
        }

        _seq = change.Seq;
        if (change.CountsByOrganization is { } counts)
        {
            _counts.Clear();
            foreach (var (organization, count) in counts)
            {
                _counts[organization] = count;
            }
        }
        else if (change.OrganizationId is { } organization)
        {
            _counts[organization] = change.OrganizationCount;
        }
    }

    protected override void ReleaseHandlers() => _handler.Dispose();
}
