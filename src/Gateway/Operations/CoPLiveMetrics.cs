using System.Diagnostics;
using System.Diagnostics.Metrics;
using CoPLive.Rooms;

namespace CoPLive.Gateway.Operations;

/// <summary>
/// The node's own instruments, on the meter <see cref="MeterName"/>; /metrics exports them with the Orleans and
/// ASP.NET Core meters. docs/operations.md says what each one means. Room tags carry only the room's kind
/// ("community", "meetup", ...), never its id, so the number of series stays small.
/// </summary>
public sealed class CoPLiveMetrics
{
    public const string MeterName = CoPLiveMeter.Name;

    private const string RoomKindTag = "coplive.room.kind";
    private const string ErrorCodeTag = "error.code";
    private const string EndpointTag = "coplive.endpoint";

    /// <summary>Bucket bounds for the fan-out latency, in milliseconds: fine below 10 ms, where a healthy node is.</summary>
    private static readonly double[] FanOutBuckets = [0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

    private readonly UpDownCounter<long> _connections;
    private readonly Counter<long> _batchesReceived;
    private readonly Counter<long> _eventsReceived;
    private readonly Counter<long> _deliveries;
    private readonly Histogram<double> _fanOutDuration;
    private readonly Counter<long> _rejections;
    private readonly Counter<long> _cutOffs;
    private readonly Histogram<double> _documentOpenDuration;

    /// <param name="localRoomCount">Reads the number of rooms with local connections (a callback: the rooms depend on the observer, which counts here).</param>
    public CoPLiveMetrics(IMeterFactory meterFactory, Func<int> localRoomCount)
    {
        var meter = meterFactory.Create(MeterName);
        _connections = meter.CreateUpDownCounter<long>(
            "coplive.connections", "{connection}", "SignalR connections open on this node's live hub.");
        meter.CreateObservableGauge(
            "coplive.rooms", localRoomCount, "{room}", "Rooms with at least one connection on this node.");
        _batchesReceived = meter.CreateCounter<long>(
            "coplive.room_event.batches", "{batch}", "Room event batches this node's observer received from the rooms' grains.");
        _eventsReceived = meter.CreateCounter<long>(
            "coplive.room_events", "{event}", "Room events this node's observer received from the rooms' grains.");
        _deliveries = meter.CreateCounter<long>(
            "coplive.deliveries", "{send}", "Sends of room events to a SignalR group of this node (one per room, or one per organization).");
        _fanOutDuration = meter.CreateHistogram(
            "coplive.fanout.duration",
            "ms",
            "From the observer receiving a room's events to the node's SignalR sends of them completing.",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = FanOutBuckets });
        _rejections = meter.CreateCounter<long>(
            "coplive.rejections", "{request}", "Hub calls and REST requests refused with an error code, or failed (internal-error).");
        _cutOffs = meter.CreateCounter<long>(
            "coplive.connections.cut_off", "{connection}", "Connections cut off with too-slow: they fell further behind than their bounded buffer.");
        _documentOpenDuration = meter.CreateHistogram(
            "coplive.document.open.duration",
            "ms",
            "A y-websocket open of a document, by phase: authorize (grain activation included, which starts the content's load), upgrade, open (awaits that load), sync (client's sync step 1 to sync step 2 sent), total (request to sync step 2 sent).",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = FanOutBuckets });
    }

    /// <summary>A y-websocket open sent its sync step 2: one record per phase of <paramref name="timing"/>, and the total.</summary>
    public void DocumentOpened(Documents.DocumentOpenTiming timing, long sentAt)
    {
        RecordOpenPhase("authorize", timing.Started, timing.Authorized);
        RecordOpenPhase("upgrade", timing.Authorized, timing.Upgraded);
        RecordOpenPhase("open", timing.Upgraded, timing.Opened);
        RecordOpenPhase("sync", timing.SyncRequested, sentAt);
        RecordOpenPhase("total", timing.Started, sentAt);
    }

    /// <summary>A connection to the live hub opened.</summary>
    public void ConnectionOpened() => _connections.Add(1);

    /// <summary>A connection to the live hub closed.</summary>
    public void ConnectionClosed() => _connections.Add(-1);

    /// <summary>The observer received a batch of a room's events from its grain.</summary>
    public void BatchReceived(RoomEventBatch batch)
    {
        var kind = new KeyValuePair<string, object?>(RoomKindTag, RoomKind(batch.Room));
        _batchesReceived.Add(1, kind);
        _eventsReceived.Add(batch.Events.Length, kind);
    }

    /// <summary>One send of a room's events to one SignalR group completed.</summary>
    public void Delivered(string room) => _deliveries.Add(1, new KeyValuePair<string, object?>(RoomKindTag, RoomKind(room)));

    /// <summary>All sends of a room's events completed; <paramref name="receivedAt"/> is when the oldest of them was received (a <see cref="Stopwatch"/> timestamp).</summary>
    public void FannedOut(string room, long receivedAt) =>
        _fanOutDuration.Record(
            Stopwatch.GetElapsedTime(receivedAt).TotalMilliseconds,
            new KeyValuePair<string, object?>(RoomKindTag, RoomKind(room)));

    /// <summary>A connection was cut off for being too slow.</summary>
    public void CutOff() => _cutOffs.Add(1);

    /// <summary>A hub call was refused with <paramref name="code"/>.</summary>
    public void HubCallRejected(string code) => Rejected(code, "hub");

    /// <summary>A REST request was refused with <paramref name="code"/>.</summary>
    public void ApiRequestRejected(string code) => Rejected(code, "api");

    private void RecordOpenPhase(string phase, long from, long to) =>
        _documentOpenDuration.Record(
            Stopwatch.GetElapsedTime(from, to).TotalMilliseconds, new KeyValuePair<string, object?>("coplive.document.open.phase", phase));

    private void Rejected(string code, string endpoint) =>
        _rejections.Add(1, new KeyValuePair<string, object?>(ErrorCodeTag, code), new KeyValuePair<string, object?>(EndpointTag, endpoint));

    /// <summary>The kind of a room named "kind:id"; "unknown" for anything else, so a tag never carries an id.</summary>
    private static string RoomKind(string room) =>
        RoomId.TryParse(room, out var id) ? id.Value.Kind : "unknown";
}
