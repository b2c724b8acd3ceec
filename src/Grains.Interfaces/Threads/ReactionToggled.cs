namespace CoPLive.Threads;

/// <summary>The result of toggling a reaction: whether the caller now reacts with it, and the post's count for it.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.ReactionToggled")]
public sealed record ReactionToggled(
    [property: Id(0)] string PostId,
    [property: Id(1)] string Emoji,
    [property: Id(2)] bool Reacted,
    [property: Id(3)] int Count);
