using System.Diagnostics.Metrics;

namespace CoPLive.Documents;

/// <summary>
/// The document grains' instruments, on the node's meter (<see cref="CoPLiveMeter"/>); docs/operations.md says what
/// each one means.
/// </summary>
public sealed class DocumentMetrics
{
    private readonly Counter<long> _contentLoads;
    private readonly Counter<long> _contentLoadedBytes;

    public DocumentMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(CoPLiveMeter.Name);
        _contentLoads = meter.CreateCounter<long>(
            "coplive.document.content_loads",
            "{load}",
            "Loads of a document's content (snapshot and log) from storage into its grain: one per activation that opens, edits, exports or versions it; none for listings, details or audience changes.");
        _contentLoadedBytes = meter.CreateCounter<long>(
            "coplive.document.content_loaded",
            "By",
            "Bytes of content (snapshot and log) those loads read.");
    }

    /// <summary>A document grain loaded its content: <paramref name="bytes"/> of snapshot and log.</summary>
    public void ContentLoaded(long bytes)
    {
        _contentLoads.Add(1);
        _contentLoadedBytes.Add(bytes);
    }
}
