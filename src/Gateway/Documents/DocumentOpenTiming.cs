using System.Diagnostics;

namespace CoPLive.Gateway.Documents;

/// <summary>
/// When each step of a y-websocket open happened (<see cref="Stopwatch"/> timestamps), from the request arriving to
/// the sync step 2 that carries the whole document being sent: for the <c>coplive.document.open.duration</c>
/// histogram and a Debug log line.
/// </summary>
public sealed class DocumentOpenTiming
{
    /// <summary>The request arrived.</summary>
    public long Started { get; } = Stopwatch.GetTimestamp();

    /// <summary>The document answered who may read (its grain activated and loaded if it was not).</summary>
    public long Authorized { get; set; }

    /// <summary>The WebSocket upgrade completed.</summary>
    public long Upgraded { get; set; }

    /// <summary>The document's <c>OpenAsync</c> answered (snapshot, log, state vector).</summary>
    public long Opened { get; set; }

    /// <summary>The client's sync step 1 arrived.</summary>
    public long SyncRequested { get; set; }

    /// <summary>The sync step 2 frame that answers it, the one to time until it is sent.</summary>
    public byte[]? SyncFrame { get; set; }
}
