namespace CoPLive.Threads;

/// <summary>Who removed a post, when and why (soft removal: the post keeps its place).</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.PostRemoval")]
public sealed record PostRemoval(
    [property: Id(0)] string RemovedBy,
    [property: Id(1)] DateTimeOffset RemovedAt,
    [property: Id(2)] string Reason);
