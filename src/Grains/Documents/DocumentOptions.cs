using System.ComponentModel.DataAnnotations;

namespace CoPLive.Documents;

/// <summary>Documents' limits and timings: configuration section <c>CoPLive:Documents</c> (docs/protocol.md lists them).</summary>
public sealed class DocumentOptions
{
    public const string SectionName = "CoPLive:Documents";

    /// <summary>The largest single update, in bytes (larger: too-large).</summary>
    [Range(64, 64 * 1024 * 1024)]
    public int MaxUpdateBytes { get; set; } = 256 * 1024;

    /// <summary>The largest document, in bytes of its compacted state plus its log (an update past it: too-large).</summary>
    [Range(1024, 1024 * 1024 * 1024)]
    public long MaxDocumentBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>Updates one connection may send per second, on average (beyond it and its burst: rate-limited).</summary>
    [Range(1, 10_000_000)]
    public int UpdatesPerSecond { get; set; } = 1000;

    /// <summary>Updates one connection may send at once above the average (a paste, a reconnect's offline edits).</summary>
    [Range(1, 10_000_000)]
    public int UpdateBurst { get; set; } = 10_000;

    /// <summary>The most updates one batch carries from a gateway connection to the document's grain.</summary>
    [Range(1, 100_000)]
    public int MaxBatchUpdates { get; set; } = 4096;

    /// <summary>The log is compacted once it holds this many updates and at least as many bytes as the snapshot (so compaction stays linear overall).</summary>
    [Range(1, 10_000_000)]
    public int CompactAfterUpdates { get; set; } = 2000;

    /// <summary>A document whose log is not empty is compacted after this long without updates.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan CompactWhenIdle { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A document that changed is saved as a version (reason idle) after this long without updates.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan IdleVersionAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A member's editing session on a document ends after this long without their updates; it is then published as a
    /// <c>document-edit-session</c> activity event (for analytics).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan EditSessionIdle { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a gateway node gathers awareness (cursors) of a document before relaying it as one message.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:05")]
    public TimeSpan AwarenessTick { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The largest awareness message, in bytes (larger: too-large).</summary>
    [Range(64, 16 * 1024 * 1024)]
    public int MaxAwarenessBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// How many documents one server-side Yjs engine keeps live (one <c>Y.Doc</c> each, against which writes are checked);
    /// there is one such engine per processor. Beyond it the least recently written document is closed, and reopened
    /// from its snapshot and log on its next write.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxLiveDocuments { get; set; } = 32;
}
