using System.Collections.Concurrent;

namespace CoPLive.Bench.Baseline;

/// <summary>The baseline's rooms: who is in each (a roster entry per connection) and a count of entries.</summary>
public sealed class BaselineRooms
{
    private readonly ConcurrentDictionary<string, Room> _rooms = new(StringComparer.Ordinal);

    /// <summary>Adds the connection to the room's roster; returns the room's entry number.</summary>
    public long Enter(string room, string connectionId, BaselineJoined member)
    {
        var entry = _rooms.GetOrAdd(room, _ => new Room());
        entry.Roster[connectionId] = member;
        return entry.NextEntry();
    }

    /// <summary>Removes a closed connection from every roster.</summary>
    public void Remove(string connectionId)
    {
        foreach (var room in _rooms.Values)
        {
            room.Roster.TryRemove(connectionId, out _);
        }
    }

    private sealed class Room
    {
        private long _entries;

        public ConcurrentDictionary<string, BaselineJoined> Roster { get; } = new(StringComparer.Ordinal);

        public long NextEntry() => Interlocked.Increment(ref _entries);
    }
}
