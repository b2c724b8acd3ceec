namespace CoPLive.Threads;

/// <summary>An earlier version of a post's body, replaced by an edit at <see cref="ReplacedAt"/>.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.PostRevision")]
public sealed record PostRevision(
    [property: Id(0)] string Body,
    [property: Id(1)] DateTimeOffset WrittenAt,
    [property: Id(2)] DateTimeOffset ReplacedAt);
