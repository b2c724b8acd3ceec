using System.Buffers;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Threading.Channels;
using CoPLive.Common;
using CoPLive.Documents;
using CoPLive.Documents.Yjs;
using CoPLive.Gateway.Operations;
using CoPLive.Identity;

namespace CoPLive.Gateway.Documents;

/// <summary>
/// A y-websocket connection to one document (npm y-websocket's <c>WebsocketProvider</c> speaks to it unmodified).
/// It sends sync step 1 and the known awareness on connect, answers the client's sync step 1 with sync step 2 (and the
/// updates not yet compacted), and takes updates from sync step 2 and update messages. Each update is checked in C#
/// (size, encoding, rate) and queued; one grain call carries all that queued while the previous call was in flight.
/// A refused write is answered with y-protocols' permission-denied auth message "{code}: {sentence}" and the
/// connection stays open for reading; a client that floods past its rate is told so and disconnected (1008).
/// </summary>
public sealed partial class WebSocketDocumentPeer : DocumentPeer
{
    /// <summary>Frames a slow client may have waiting before it is disconnected (it reconnects and syncs afresh).</summary>
    private const int MaxQueuedFrames = 1_000_000;

    /// <summary>
    /// Grain calls one connection may have in flight: one, so that its batches reach the document in the order the
    /// client sent them. With two, the later batch often overtook the earlier one (each passes the member's
    /// authorization first): Yjs then keeps it pending and re-merges what is pending on every update of the earlier
    /// one, and the batch cannot be relayed as one update (see DocumentGrain.Append). What arrives while a call waits
    /// for its commit goes in the next call, so batches grow with the load instead of calls.
    /// </summary>
    private const int MaxCallsInFlight = 1;

    private static readonly byte[] EmptyUpdate = [0, 0];

    private readonly WebSocket _socket;
    private readonly IDocumentGrain _grain;
    private readonly GatewayDocuments _documents;
    private readonly DocumentOptions _options;
    private readonly UpdateRateLimiter _limiter;
    private readonly ILogger _logger;
    private readonly Channel<byte[]> _outgoing = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly object _pendingLock = new();
    private readonly CancellationTokenSource _closing = new();
    private List<byte[]> _pending = [];
    private int _callsInFlight;
    private int _queued;
    private DocumentOpened? _initial;
    private (WebSocketCloseStatus Status, string Reason)? _closeWith;

    public WebSocketDocumentPeer(
        string documentId, string connectionId, MemberIdentity member, WebSocket socket, IDocumentGrain grain, GatewayDocuments documents, ILogger logger)
        : base(documentId, connectionId, member)
    {
        _socket = socket;
        _grain = grain;
        _documents = documents;
        _options = documents.Options;
        _limiter = new UpdateRateLimiter(_options.UpdatesPerSecond, _options.UpdateBurst);
        _logger = logger;
    }

    /// <summary>When this connection's open steps happened; its sync step 2 being sent is timed, logged and recorded once.</summary>
    public DocumentOpenTiming? OpenTiming { get; init; }

    /// <summary>Where the open's timing is recorded.</summary>
    public CoPLiveMetrics? Metrics { get; init; }

    public override void DeliverUpdates(ImmutableArray<byte[]> updates, Lazy<byte[][]> frames)
    {
        foreach (var frame in frames.Value)
        {
            Send(frame);
        }
    }

    public override void DeliverAwareness(byte[] update) => Send(YjsMessages.AwarenessMessage(update));

    /// <summary>
    /// Sync step 1 with the new activation's state vector (y-websocket answers it with sync step 2: what the server
    /// lacks, which goes to the grain like any update), then the whole state as sync step 2 and the log as updates.
    /// </summary>
    public override void Resync(DocumentOpened opened)
    {
        Send(YjsMessages.SyncStep1Message(opened.StateVector));
        Send(YjsMessages.SyncStep2Message(opened.Update));
        foreach (var update in opened.Tail)
        {
            Send(YjsMessages.UpdateMessage(update));
        }
    }

    /// <summary>Sends the reason as a permission-denied message, then closes the socket (1008, the code).</summary>
    public override void Revoke(string code, string reason)
    {
        Refuse(code, reason);
        _closeWith = (WebSocketCloseStatus.PolicyViolation, code);
        _outgoing.Writer.TryComplete();
    }

    /// <summary>Runs the connection until the client closes it, it floods, or the node stops.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        var pump = PumpAsync(linked.Token);
        try
        {
            _initial = await _grain.OpenAsync(Member, null);
            _documents.RepairIfReactivated(DocumentId, _initial.Epoch);
            if (OpenTiming is { } timing)
            {
                timing.Opened = Stopwatch.GetTimestamp();
            }

            Send(YjsMessages.SyncStep1Message(_initial.StateVector));
            if (_documents.KnownAwareness(DocumentId) is { } awareness)
            {
                Send(YjsMessages.AwarenessMessage(awareness));
            }

            await ReadAsync(linked.Token);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // Closing: flooded, or the node stops.
        }
        catch (WebSocketException exception)
        {
            LogSocketClosed(_logger, exception, DocumentId, ConnectionId);
        }
        finally
        {
            _outgoing.Writer.TryComplete();
            try
            {
                await pump;
                if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    var (status, reason) = _closeWith ?? (WebSocketCloseStatus.NormalClosure, "");
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await _socket.CloseAsync(status, reason, timeout.Token);
                }
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
                LogSocketClosed(_logger, exception, DocumentId, ConnectionId);
            }
        }
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        var maxMessage = _options.MaxUpdateBytes + 64;
        var buffer = new ArrayBufferWriter<byte>(4096);
        var discarding = false;
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.GetMemory(4096), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            if (!discarding)
            {
                buffer.Advance(result.Count);
                if (buffer.WrittenCount > maxMessage)
                {
                    discarding = true;
                }
            }

            if (discarding && buffer.WrittenCount > 0)
            {
                buffer.Clear();
            }

            if (!result.EndOfMessage)
            {
                continue;
            }

            if (discarding)
            {
                discarding = false;
                Refuse(ErrorCodes.TooLarge, $"A message may have at most {_options.MaxUpdateBytes} bytes of update; nothing was applied.");
            }
            else if (result.MessageType == WebSocketMessageType.Binary)
            {
                await HandleAsync(buffer.WrittenMemory);
            }

            buffer.Clear();
            if (_closeWith is not null)
            {
                return;
            }
        }
    }

    private async Task HandleAsync(ReadOnlyMemory<byte> message)
    {
        ulong type;
        ulong syncType = 0;
        byte[]? body = null;
        try
        {
            var reader = new Lib0Reader(message.Span);
            type = reader.ReadVarUint();
            if (type == YjsMessages.Sync)
            {
                syncType = reader.ReadVarUint();
                body = reader.ReadVarUint8Array().ToArray();
            }
            else if (type == YjsMessages.Awareness)
            {
                body = reader.ReadVarUint8Array().ToArray();
            }
        }
        catch (InvalidYjsUpdateException exception)
        {
            Refuse(ErrorCodes.InvalidUpdate, $"The message does not decode: {exception.Message}");
            return;
        }

        switch (type)
        {
            case YjsMessages.Sync when syncType == YjsMessages.SyncStep1:
                await AnswerSyncStep1Async(body!);
                break;
            case YjsMessages.Sync when syncType is YjsMessages.SyncStep2 or YjsMessages.SyncUpdate:
                Submit(body!);
                break;
            case YjsMessages.Sync:
                Refuse(ErrorCodes.InvalidUpdate, $"Unknown sync message {syncType}.");
                break;
            case YjsMessages.Awareness:
                SubmitAwareness(body!);
                break;
            case YjsMessages.QueryAwareness:
                if (_documents.KnownAwareness(DocumentId) is { } known)
                {
                    Send(YjsMessages.AwarenessMessage(known));
                }

                break;
            default:
                // Auth and unknown message types carry nothing for the server (y-websocket ignores them too).
                break;
        }
    }

    private async Task AnswerSyncStep1Async(byte[] stateVector)
    {
        var timing = OpenTiming is { SyncRequested: 0 } open ? open : null;
        if (timing is not null)
        {
            timing.SyncRequested = Stopwatch.GetTimestamp();
        }

        var opened = _initial is { } initial && stateVector is [0] ? initial : null;
        _initial = null;
        try
        {
            if (opened is null)
            {
                opened = await _grain.OpenAsync(Member, stateVector);
                _documents.RepairIfReactivated(DocumentId, opened.Epoch);
            }
        }
        catch (CoPLiveException refusal)
        {
            Refuse(refusal.Code, refusal.Message);
            return;
        }

        var step2 = YjsMessages.SyncStep2Message(opened.Update);
        if (timing is not null)
        {
            timing.SyncFrame = step2;
        }

        Send(step2);
        foreach (var update in opened.Tail)
        {
            Send(YjsMessages.UpdateMessage(update));
        }
    }

    private void Submit(byte[] update)
    {
        if (update.AsSpan().SequenceEqual(EmptyUpdate))
        {
            return;
        }

        if (!_limiter.TryTake(1))
        {
            var reason = $"{ErrorCodes.RateLimited}: More than {_options.UpdatesPerSecond} updates per second (burst {_options.UpdateBurst}); disconnected.";
            Send(YjsMessages.PermissionDeniedMessage(reason));
            _closeWith = (WebSocketCloseStatus.PolicyViolation, ErrorCodes.RateLimited);
            return;
        }

        if (update.Length > _options.MaxUpdateBytes)
        {
            Refuse(ErrorCodes.TooLarge, $"An update may have at most {_options.MaxUpdateBytes} bytes; nothing was applied.");
            return;
        }

        try
        {
            YjsUpdateDecoder.Validate(update);
        }
        catch (InvalidYjsUpdateException exception)
        {
            Refuse(ErrorCodes.InvalidUpdate, $"The update is not a well-formed Yjs update ({exception.Message}); nothing was applied.");
            return;
        }

        lock (_pendingLock)
        {
            _pending.Add(update);
            if (_callsInFlight == MaxCallsInFlight)
            {
                return;
            }

            _callsInFlight++;
        }

        _ = FlushAsync();
    }

    private void SubmitAwareness(byte[] update)
    {
        if (update.Length > _options.MaxAwarenessBytes)
        {
            Refuse(ErrorCodes.TooLarge, $"An awareness message may have at most {_options.MaxAwarenessBytes} bytes.");
            return;
        }

        try
        {
            _documents.SubmitAwareness(this, update);
        }
        catch (InvalidYjsUpdateException exception)
        {
            Refuse(ErrorCodes.InvalidUpdate, $"The awareness message does not decode: {exception.Message}");
        }
    }

    /// <summary>
    /// One of at most <see cref="MaxCallsInFlight"/> loops of grain calls; what queued meanwhile goes in the next call
    /// (at most MaxBatchUpdates).
    /// </summary>
    private async Task FlushAsync()
    {
        while (true)
        {
            ImmutableArray<byte[]> batch;
            lock (_pendingLock)
            {
                if (_pending.Count == 0)
                {
                    _callsInFlight--;
                    return;
                }

                if (_pending.Count <= _options.MaxBatchUpdates)
                {
                    batch = [.. _pending];
                    _pending = [];
                }
                else
                {
                    batch = [.. _pending.Take(_options.MaxBatchUpdates)];
                    _pending.RemoveRange(0, _options.MaxBatchUpdates);
                }
            }

            try
            {
                await _documents.ApplyAsync(this, batch);
            }
            catch (CoPLiveException refusal) when (refusal.Code == ErrorCodes.InvalidUpdate && batch.Length > 1)
            {
                // A batch is refused whole; these came as separate messages, so each is tried on its own.
                foreach (var single in batch)
                {
                    try
                    {
                        await _documents.ApplyAsync(this, [single]);
                    }
                    catch (CoPLiveException each)
                    {
                        Refuse(each.Code, each.Message);
                    }
                }
            }
            catch (CoPLiveException refusal)
            {
                Refuse(refusal.Code, refusal.Message);
            }
            catch (Exception exception)
            {
                LogApplyFailed(_logger, exception, DocumentId, ConnectionId, batch.Length);
                Refuse("internal-error", "The server could not apply the update; it has been logged.");
            }
        }
    }

    private void Refuse(string code, string message) => Send(YjsMessages.PermissionDeniedMessage($"{code}: {message}"));

    private void Send(byte[] frame)
    {
        if (Interlocked.Increment(ref _queued) > MaxQueuedFrames)
        {
            _closeWith ??= (WebSocketCloseStatus.PolicyViolation, "too slow: the client does not keep up");
            _closing.Cancel();
            return;
        }

        _outgoing.Writer.TryWrite(frame);
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var frame in _outgoing.Reader.ReadAllAsync(cancellationToken))
            {
                Interlocked.Decrement(ref _queued);
                await _socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
                if (OpenTiming is { SyncFrame: { } syncFrame } timing && ReferenceEquals(frame, syncFrame))
                {
                    timing.SyncFrame = null;
                    ReportOpen(timing, frame.Length);
                }
            }

            // Everything queued is sent; a revoked or flooding session closes from here, while the read loop waits for
            // the client's answering close.
            if (_closeWith is { } close && _socket.State == WebSocketState.Open)
            {
                await _socket.CloseOutputAsync(close.Status, close.Reason, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            _closing.Cancel();
        }
    }

    private void ReportOpen(DocumentOpenTiming timing, int syncBytes)
    {
        var sent = Stopwatch.GetTimestamp();
        Metrics?.DocumentOpened(timing, sent);
        LogOpened(
            _logger,
            DocumentId,
            ConnectionId,
            Stopwatch.GetElapsedTime(timing.Started, sent).TotalMilliseconds,
            Stopwatch.GetElapsedTime(timing.Started, timing.Authorized).TotalMilliseconds,
            Stopwatch.GetElapsedTime(timing.Authorized, timing.Upgraded).TotalMilliseconds,
            Stopwatch.GetElapsedTime(timing.Upgraded, timing.Opened).TotalMilliseconds,
            Stopwatch.GetElapsedTime(timing.Opened, timing.SyncRequested).TotalMilliseconds,
            Stopwatch.GetElapsedTime(timing.SyncRequested, sent).TotalMilliseconds,
            syncBytes);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Document {DocumentId}: y-websocket connection {ConnectionId} opened in {TotalMilliseconds} ms (authorize and activate {AuthorizeMilliseconds}, upgrade {UpgradeMilliseconds}, open {OpenMilliseconds}, wait for the client's sync step 1 {WaitMilliseconds}, sync step 2 of {SyncBytes} bytes sent {SyncMilliseconds})")]
    private static partial void LogOpened(
        ILogger logger, string documentId, string connectionId, double totalMilliseconds, double authorizeMilliseconds, double upgradeMilliseconds, double openMilliseconds, double waitMilliseconds, double syncMilliseconds, int syncBytes);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Document {DocumentId}: y-websocket connection {ConnectionId} closed")]
    private static partial void LogSocketClosed(ILogger logger, Exception exception, string documentId, string connectionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Document {DocumentId}: applying {Count} updates from y-websocket connection {ConnectionId} failed")]
    private static partial void LogApplyFailed(ILogger logger, Exception exception, string documentId, string connectionId, int count);
}
