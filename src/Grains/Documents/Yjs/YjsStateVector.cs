namespace CoPLive.Documents.Yjs;

/// <summary>
/// The server's state vector, kept in C# from the clock ranges of every update it holds (<see cref="YjsUpdateDecoder"/>):
/// for each client, the end of the clocks it has without a gap from 0. Ranges beyond a gap wait until the gap fills, as
/// Yjs keeps such structs pending. It may under-state what the server has, never over-state it, so a peer that answers
/// it sends all that the server lacks (perhaps a little more, which Yjs ignores).
/// </summary>
public sealed class YjsStateVector
{
    private readonly Dictionary<ulong, ulong> _clocks = [];
    private readonly Dictionary<ulong, List<(ulong Start, ulong End)>> _pending = [];

    /// <summary>How many clients it names.</summary>
    public int Count => _clocks.Count;

    /// <summary>The clock up to which the server has <paramref name="client"/>'s changes (0 if none).</summary>
    public ulong ClockOf(ulong client) => _clocks.GetValueOrDefault(client);

    /// <summary>Records that the server holds clocks [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="client"/>.</summary>
    /// <remarks>
    /// The ranges beyond a gap are kept sorted by start as they come (mostly appended: a client's clocks grow), so that
    /// an update in order looks at the first of them only. Sorting them on every update was quadratic when a batch
    /// arrived before the one it follows: each update of the earlier batch sorted all of the later one's.
    /// </remarks>
    public void Add(ulong client, ulong start, ulong end)
    {
        var clock = _clocks.GetValueOrDefault(client);
        if (start > clock)
        {
            if (!_pending.TryGetValue(client, out var waiting))
            {
                _pending[client] = waiting = [];
            }

            if (waiting.Count == 0 || waiting[^1].Start <= start)
            {
                waiting.Add((start, end));
            }
            else
            {
                var at = waiting.BinarySearch((start, end));
                waiting.Insert(at < 0 ? ~at : at, (start, end));
            }

            return;
        }

        if (end <= clock)
        {
            return;
        }

        clock = end;
        if (_pending.TryGetValue(client, out var ranges))
        {
            var used = 0;
            while (used < ranges.Count && ranges[used].Start <= clock)
            {
                clock = Math.Max(clock, ranges[used].End);
                used++;
            }

            if (used == ranges.Count)
            {
                _pending.Remove(client);
            }
            else if (used > 0)
            {
                ranges.RemoveRange(0, used);
            }
        }

        _clocks[client] = clock;
    }

    /// <summary>
    /// A state vector from its v1 encoding (what <see cref="Encode"/> wrote, e.g. stored beside a snapshot). It has no
    /// pending ranges: what lay beyond a gap when it was encoded is not known, so it may under-state (never over-state).
    /// </summary>
    /// <exception cref="InvalidYjsUpdateException">The bytes are not a state vector.</exception>
    public static YjsStateVector Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new Lib0Reader(encoded);
        var count = reader.ReadVarUint();
        var vector = new YjsStateVector();
        for (ulong i = 0; i < count; i++)
        {
            var client = reader.ReadVarUint();
            var clock = reader.ReadVarUint();
            if (clock > 0)
            {
                vector._clocks[client] = Math.Max(clock, vector._clocks.GetValueOrDefault(client));
            }
        }

        if (!reader.AtEnd)
        {
            throw new InvalidYjsUpdateException("The state vector has trailing bytes.");
        }

        return vector;
    }

    /// <summary>The state vector in Yjs' v1 encoding (what <c>Y.encodeStateVector</c> writes).</summary>
    public byte[] Encode()
    {
        var writer = new Lib0Writer(4 + (_clocks.Count * 8));
        writer.WriteVarUint((ulong)_clocks.Count);
        foreach (var (client, clock) in _clocks.OrderByDescending(c => c.Key))
        {
            writer.WriteVarUint(client).WriteVarUint(clock);
        }

        return writer.ToArray();
    }
}
