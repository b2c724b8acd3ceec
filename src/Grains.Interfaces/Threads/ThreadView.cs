using System.Collections.Immutable;

namespace CoPLive.Threads;

/// <summary>A thread as one viewer reads it: the summary, every post in order, and the viewer's own reactions and follow.</summary>
/// <param name="ViewerReactions">The emoji codes the viewer reacted with, by post id.</param>
[GenerateSerializer, Immutable, Alias("CoPLive.ThreadView")]
public sealed record ThreadView(
    [property: Id(0)] ThreadSummary Thread,
    [property: Id(1)] ImmutableArray<ThreadPost> Posts,
    [property: Id(2)] ImmutableDictionary<string, ImmutableArray<string>> ViewerReactions,
    [property: Id(3)] bool ViewerFollows);
