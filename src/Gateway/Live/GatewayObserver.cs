using System.Collections.Concurrent;
using CoPLive.Gateway.Operations;
using CoPLive.Rooms;

namespace CoPLive.Gateway.Live;

/// <summary>
/// The node's one observer. It only enqueues, onto the room's own <see cref="RoomLane"/>, so the grain's
/// one-way calls return at once and a busy room never holds up another; <see cref="RoomEventSender"/> runs
/// one pump per lane.
/// </summary>
public sealed class GatewayObserver(CoPLiveMetrics metrics) : IGatewayObserver
{
    private readonly ConcurrentDictionary<string, RoomLane> _lanes = new(StringComparer.Ordinal);
    private readonly object _lanesLock = new();

    private Action<RoomLane>? _startPump;

    public int LaneCount => _lanes.Count;

    public Task ReceiveRoomEventsAsync(RoomEventBatch batch)
    {
        metrics.BatchReceived(batch);
        Enqueue(batch.Room, batch);
        return Task.CompletedTask;
    }

    public Task EvictConnectionsAsync(RoomEviction eviction)
    {
        Enqueue(eviction.Room, eviction);
        return Task.CompletedTask;
    }

    /// <summary>Starts <paramref name="startPump"/> for every lane, those already open included.</summary>
    public void AttachPump(Action<RoomLane> startPump)
    {
        List<RoomLane> open;
        lock (_lanesLock)
        {
            _startPump = startPump;
            open = [.. _lanes.Values];
        }

        open.ForEach(startPump);
    }

    /// <summary>Retires an idle lane; false if work arrived meanwhile (the pump then goes on).</summary>
    public bool TryRetire(RoomLane lane)
    {
        lock (_lanesLock)
        {
            if (!lane.IsIdle)
            {
                return false;
            }

            lane.Retired = true;
            _lanes.TryRemove(new KeyValuePair<string, RoomLane>(lane.Room, lane));
            return true;
        }
    }

    private void Enqueue(string room, object item)
    {
        RoomLane? opened = null;
        Action<RoomLane>? startPump;
        lock (_lanesLock)
        {
            if (!_lanes.TryGetValue(room, out var lane) || lane.Retired)
            {
                lane = opened = new RoomLane(room);
                _lanes[room] = lane;
            }

            lane.TryWrite(item);
            startPump = _startPump;
        }

        if (opened is not null)
        {
            startPump?.Invoke(opened);
        }
    }
}
