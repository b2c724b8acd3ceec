namespace CoPLive.Documents;

/// <summary>One tick's awareness of a document (y-protocols awareness update encoding), coalesced by a gateway node.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.DocumentAwarenessRelayed")]
public sealed record DocumentAwarenessRelayed(
    [property: Id(0)] string DocumentId,
    [property: Id(1)] string SourceNodeId,
    [property: Id(2)] byte[] Update);
