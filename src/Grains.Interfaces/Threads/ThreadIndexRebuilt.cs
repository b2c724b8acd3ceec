namespace CoPLive.Threads;

/// <summary>What rebuilding a community's search index did.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.ThreadIndexRebuilt")]
public sealed record ThreadIndexRebuilt(
    [property: Id(0)] int Threads,
    [property: Id(1)] int Posts);
