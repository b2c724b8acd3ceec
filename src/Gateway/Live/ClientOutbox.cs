using CoPLive.Common;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace CoPLive.Gateway.Live;

/// <summary>
/// One connection's way out, in front of SignalR. A message goes straight to the connection when nothing is
/// waiting and its write completes at once (the hot path: no queue, no allocation). Otherwise it waits here, in
/// order, and a drain writes it when the connection has taken the earlier ones. What waits is bounded in bytes:
/// a connection that would hold more is cut off: its queue is dropped, it is sent a close message with the
/// reason (<see cref="ErrorCodes.TooSlow"/>), and it is aborted once that is written or after a grace period.
/// Messages are <see cref="SerializedHubMessage"/>s shared by every connection of a send, so each is serialized
/// once per protocol, and what waits costs a reference, not a copy.
/// </summary>
public sealed partial class ClientOutbox
{
    private readonly HubConnectionContext _connection;
    private readonly long _maxQueuedBytes;
    private readonly TimeSpan _cutOffGrace;
    private readonly Action<ClientOutbox> _onCutOff;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly Queue<(SerializedHubMessage Message, int Bytes)> _queue = new();
    private long _queuedBytes;
    private bool _busy;
    private bool _cutOff;
    private TaskCompletionSource? _idle;

    public ClientOutbox(HubConnectionContext connection, LiveOptions options, Action<ClientOutbox> onCutOff, ILogger logger)
    {
        _connection = connection;
        _maxQueuedBytes = options.MaxQueuedBytesPerConnection;
        _cutOffGrace = options.CutOffGracePeriod;
        _onCutOff = onCutOff;
        _logger = logger;
    }

    public string ConnectionId => _connection.ConnectionId;

    /// <summary>
    /// Set by a room's lane when this connection kept a send waiting too long: lanes then stop waiting for it
    /// until it has caught up (its queue ran empty).
    /// </summary>
    public bool Behind { get; set; }

    /// <summary>Whether a write is in flight or waiting (read without the lock: a hint for whether to wait).</summary>
    public bool IsBusy => Volatile.Read(ref _busy);

    /// <summary>Whether the connection was cut off for being too slow.</summary>
    public bool IsCutOff
    {
        get
        {
            lock (_gate)
            {
                return _cutOff;
            }
        }
    }

    /// <summary>Completes when nothing is being written or waiting (at once when that is so already, or after a cut-off).</summary>
    public Task WhenIdle()
    {
        lock (_gate)
        {
            return _busy ? (_idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task : Task.CompletedTask;
        }
    }

    /// <summary>Sends <paramref name="message"/> after everything sent before it; never waits for the connection.</summary>
    public void Send(SerializedHubMessage message)
    {
        lock (_gate)
        {
            if (_cutOff)
            {
                return;
            }

            if (_busy)
            {
                var bytes = message.GetSerializedMessage(_connection.Protocol).Length;
                if (_queuedBytes + bytes > _maxQueuedBytes)
                {
                    CutOffLocked();
                    return;
                }

                _queue.Enqueue((message, bytes));
                _queuedBytes += bytes;
                return;
            }

            _busy = true;
        }

        ValueTask write;
        try
        {
            write = _connection.WriteAsync(message);
        }
        catch (Exception exception)
        {
            write = ValueTask.FromException(exception);
        }

        if (write.IsCompletedSuccessfully && TryGoIdle())
        {
            return;
        }

        _ = DrainAsync(write);
    }

    /// <summary>Goes idle if nothing waits; false when the drain must go on.</summary>
    private bool TryGoIdle()
    {
        TaskCompletionSource? idle;
        lock (_gate)
        {
            if (_queue.Count > 0)
            {
                return false;
            }

            _busy = false;
            Behind = false;
            idle = _idle;
            _idle = null;
        }

        idle?.TrySetResult();
        return true;
    }

    private async Task DrainAsync(ValueTask pending)
    {
        try
        {
            await pending;
            while (true)
            {
                SerializedHubMessage next;
                lock (_gate)
                {
                    if (!_queue.TryDequeue(out var queued))
                    {
                        break;
                    }

                    _queuedBytes -= queued.Bytes;
                    next = queued.Message;
                }

                await _connection.WriteAsync(next);
            }
        }
        catch (Exception exception)
        {
            // The connection failed or closed under the write: SignalR ends it; nothing more goes to it.
            LogWriteFailed(_logger, exception, ConnectionId);
            lock (_gate)
            {
                _cutOff = true;
                _queue.Clear();
                _queuedBytes = 0;
            }
        }

        if (!TryGoIdle())
        {
            _ = DrainAsync(default);
        }
    }

    /// <summary>Drops what waits, tells the client why (after what it already holds), and ends the connection.</summary>
    private void CutOffLocked()
    {
        _cutOff = true;
        var dropped = _queue.Count;
        _queue.Clear();
        _queuedBytes = 0;
        var idle = _idle;
        _idle = null;
        idle?.TrySetResult();
        LogCutOff(_logger, ConnectionId, dropped, _maxQueuedBytes);
        _onCutOff(this);

        // The close message waits for the write in flight (the client stopped taking it); a client that reads
        // again within the grace period gets the reason, then the connection ends either way.
        var close = new CloseMessage(
            $"{ErrorCodes.TooSlow}: the connection fell more than {_maxQueuedBytes} bytes behind its rooms and was cut off; reconnect and resume.",
            allowReconnect: true);
        _ = CloseAsync(close);
    }

    private async Task CloseAsync(CloseMessage close)
    {
        try
        {
            await _connection.WriteAsync(close).AsTask().WaitAsync(_cutOffGrace);
        }
        catch (Exception exception)
        {
            LogCloseNotWritten(_logger, ConnectionId, exception.GetType().Name);
        }

        _connection.Abort();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {ConnectionId} was cut off: too slow ({DroppedMessages} messages waiting dropped, bound {MaxQueuedBytes} bytes)")]
    private static partial void LogCutOff(ILogger logger, string connectionId, int droppedMessages, long maxQueuedBytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId}: the too-slow close message was not written ({Reason}); aborting")]
    private static partial void LogCloseNotWritten(ILogger logger, string connectionId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection {ConnectionId}: a write failed; nothing more is sent to it")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string connectionId);
}
