using System.Collections.Immutable;

namespace CoPLive.Meetups;

/// <summary>The reactions a participant may send (a fixed set, so a client cannot invent labels others would see).</summary>
public static class Reactions
{
    public static readonly ImmutableHashSet<string> Known = ["applause", "plus-one", "heart", "laugh", "wow", "question"];
}
