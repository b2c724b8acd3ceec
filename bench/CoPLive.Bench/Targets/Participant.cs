using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoPLive.Bench.Targets;

/// <summary>
/// One simulated client: a SignalR connection that follows one room's total present count from what the server
/// sends, and counts the presence messages (deliveries) and events it receives.
/// </summary>
internal abstract class Participant : IAsyncDisposable
{
    private readonly ConvergenceTracker _tracker;
    private long _deliveries;
    private long _events;
    private int _total;
    private long _convergedAt;
    private int _closed;

    protected Participant(int index, HubConnection hub, ConvergenceTracker tracker)
    {
        Index = index;
        Hub = hub;
        _tracker = tracker;
        hub.Closed += _ =>
        {
            Interlocked.Exchange(ref _closed, 1);
            return Task.CompletedTask;
        };
    }

    public int Index { get; }

    public HubConnection Hub { get; }

    /// <summary>Presence messages received (one SignalR invocation each).</summary>
    public long Deliveries => Interlocked.Read(ref _deliveries);

    /// <summary>Presence events received (a message may carry several).</summary>
    public long Events => Interlocked.Read(ref _events);

    /// <summary>The room's total present count as this participant sees it.</summary>
    public int Total => Volatile.Read(ref _total);

    /// <summary>Stopwatch timestamp at which the total first equalled the expected number; 0 before.</summary>
    public long ConvergedAt => Interlocked.Read(ref _convergedAt);

    /// <summary>Whether the connection closed (dropped by the server, or failed).</summary>
    public bool Closed => Volatile.Read(ref _closed) == 1;

    /// <summary>Stopwatch timestamp at which EnterRoom returned; 0 before.</summary>
    public long EnteredAt { get; private set; }

    public TimeSpan EnterLatency { get; private set; }

    /// <summary>Builds a connection the same way for every target: WebSockets only, no negotiation, a ping every 5 s.</summary>
    public static HubConnection Connection(Uri url, Func<Task<string?>>? accessToken = null) =>
        new HubConnectionBuilder()
            .WithUrl(url, o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = accessToken;
            })
            .WithKeepAliveInterval(TimeSpan.FromSeconds(5))
            .WithServerTimeout(TimeSpan.FromMinutes(2))
            .Build();

    public Task StartAsync(CancellationToken cancellationToken) => Hub.StartAsync(cancellationToken);

    /// <summary>Enters the room and starts from what the server returns.</summary>
    public async Task EnterAsync(CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        await EnterCoreAsync(cancellationToken);
        EnteredAt = Stopwatch.GetTimestamp();
        EnterLatency = Stopwatch.GetElapsedTime(start, EnteredAt);
    }

    /// <summary>Marks the participant converged if its total is the expected one.</summary>
    public void CheckConverged()
    {
        if (Total == _tracker.Expected && Interlocked.CompareExchange(ref _convergedAt, Stopwatch.GetTimestamp(), 0) == 0)
        {
            _tracker.OnConverged();
        }
    }

    /// <summary>Stops following presence (scenarios that measure other traffic).</summary>
    public void StopFollowingPresence() => ReleaseHandlers();

    public async ValueTask DisposeAsync()
    {
        ReleaseHandlers();
        try
        {
            await Hub.DisposeAsync();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Stopping a connection the server dropped may fail; nothing is left to release.
            Console.Error.WriteLine($"Participant {Index}: closing failed: {exception.GetType().Name}: {exception.Message}");
        }
    }

    protected abstract Task EnterCoreAsync(CancellationToken cancellationToken);

    /// <summary>Removes the participant's message handlers from the connection.</summary>
    protected abstract void ReleaseHandlers();

    protected void Received(int events)
    {
        Interlocked.Increment(ref _deliveries);
        Interlocked.Add(ref _events, events);
    }

    protected void SetTotal(int total)
    {
        Volatile.Write(ref _total, total);
        CheckConverged();
    }
}
