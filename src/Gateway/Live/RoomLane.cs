using System.Diagnostics;
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

    private readonly Channel<Queued> _queue = Channel.CreateUnbounded<Queued>(new UnboundedChannelOptions { SingleReader = true });
    private Queued? _carried;

    public RoomLane(string room) => Room = room;

    public string Room { get; }

    /// <summary>Set once the pump retired the lane; a writer that finds it set makes a new lane.</summary>
    public bool Retired { get; set; }

    /// <summary>When the oldest item in what <see cref="TakeNext"/> last returned was written (a <see cref="Stopwatch"/> timestamp).</summary>
    public long TakenEnqueuedAt { get; private set; }

    public bool TryWrite(object item) => _queue.Writer.TryWrite(new Queued(item, Stopwatch.GetTimestamp()));

    /// <summary>Waits up to <paramref name="idle"/> for work; false when the lane stayed idle.</summary>
    /// <remarks>
    /// Work already waiting returns at once, without the idle timer: a busy room asks after every send, and a
    /// timer per ask was most of what the process's timer thread did under a signal flood.
    /// </remarks>
    public ValueTask<bool> WaitForWorkAsync(TimeSpan idle, CancellationToken cancellationToken) =>
        _carried is not null || _queue.Reader.TryPeek(out _)
            ? ValueTask.FromResult(true)
            : new ValueTask<bool>(WaitForIdleTimeoutAsync(idle, cancellationToken));

    private async Task<bool> WaitForIdleTimeoutAsync(TimeSpan idle, CancellationToken cancellationToken)
    {
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
    /// <remarks>Peeks: a single-reader channel cannot count (its Count throws NotSupportedException).</remarks>
    public bool IsIdle => _carried is null && !_queue.Reader.TryPeek(out _);

    /// <summary>
    /// The next thing to do: an eviction alone, or one batch made of the consecutive batches of one epoch
    /// that are waiting now (at most <see cref="MaxEventsPerSend"/> events).
    /// </summary>
    public object? TakeNext()
    {
        var queued = _carried ?? (_queue.Reader.TryRead(out var item) ? item : default(Queued?));
        _carried = null;
        if (queued is not { } taken)
        {
            return null;
        }

        TakenEnqueuedAt = taken.EnqueuedAt;
        if (taken.Item is not RoomEventBatch batch)
        {
            return taken.Item;
        }

        var events = new List<RoomEvent>(batch.Events);
        while (events.Count < MaxEventsPerSend && _queue.Reader.TryRead(out var next))
        {
            if (next.Item is RoomEventBatch more && more.Epoch == batch.Epoch && events.Count + more.Events.Length <= MaxEventsPerSend)
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

    /// <summary>An item with the time the observer received it, for the fan-out latency.</summary>
    private readonly record struct Queued(object Item, long EnqueuedAt);
}
