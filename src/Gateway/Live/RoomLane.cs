using System.Threading.Channels;
using CoPLive.Rooms;

namespace CoPLive.Gateway.Live;

/// <summary>
/// One room's queue on this node, drained by its own pump, so rooms never wait for each other. While a send
/// is in flight, the batches that arrive meanwhile are merged into the next send (up to
/// <see cref="MaxEventsPerSend"/> events); an idle room sends at once.
/// </summary>
public sealed class RoomLane
{
    /// <summary>The most events one send carries: several per SignalR frame for busy rooms, never unbounded.</summary>
    public const int MaxEventsPerSend = 64;

    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private object? _carried;

    public RoomLane(string room) => Room = room;

    public string Room { get; }

    /// <summary>Set once the pump retired the lane; a writer that finds it set makes a new lane.</summary>
    public bool Retired { get; set; }

    public bool TryWrite(object item) => _queue.Writer.TryWrite(item);

    /// <summary>Waits up to <paramref name="idle"/> for work; false when the lane stayed idle.</summary>
    public async Task<bool> WaitForWorkAsync(TimeSpan idle, CancellationToken cancellationToken)
    {
        if (_carried is not null)
        {
            return true;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(idle);
        try
        {
            return await _queue.Reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Whether nothing is queued (checked under the lanes' lock before retiring).</summary>
    public bool IsIdle => _carried is null && _queue.Reader.Count == 0;

    /// <summary>
    /// The next thing to do: an eviction alone, or one batch made of the consecutive batches of one epoch
    /// that are waiting now (at most <see cref="MaxEventsPerSend"/> events).
    /// </summary>
    public object? TakeNext()
    {
        var first = _carried ?? (_queue.Reader.TryRead(out var item) ? item : null);
        _carried = null;
        if (first is not RoomEventBatch batch)
        {
            return first;
        }

        var events = new List<RoomEvent>(batch.Events);
        while (events.Count < MaxEventsPerSend && _queue.Reader.TryRead(out var next))
        {
            if (next is RoomEventBatch more && more.Epoch == batch.Epoch && events.Count + more.Events.Length <= MaxEventsPerSend)
            {
                events.AddRange(more.Events);
            }
            else
            {
                _carried = next;
                break;
            }
        }

        return events.Count == batch.Events.Length ? batch : batch with { Events = [.. events] };
    }
}
