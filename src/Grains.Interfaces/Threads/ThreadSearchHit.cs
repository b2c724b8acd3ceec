namespace CoPLive.Threads;

/// <summary>A search result: a post of a thread the caller may read, with a plain-text snippet around the match.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.ThreadSearchHit")]
public sealed record ThreadSearchHit(
    [property: Id(0)] string ThreadId,
    [property: Id(1)] string PostId,
    [property: Id(2)] string Title,
    [property: Id(3)] string Snippet);
