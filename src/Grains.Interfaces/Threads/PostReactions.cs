using System.Collections.Immutable;

namespace CoPLive.Threads;

/// <summary>The emoji codes a post may be reacted to with (a fixed set, so no one invents labels others would see).</summary>
public static class PostReactions
{
    public static readonly ImmutableHashSet<string> Known = ["thumbs-up", "heart", "laugh", "insightful", "thanks", "confused", "celebrate"];
}
