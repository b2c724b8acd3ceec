using System.Collections.Immutable;
using CoPLive.Rooms;

namespace CoPLive.Threads;

/// <summary>
/// Reaction counts of the posts whose reactions changed during one tick: the totals by emoji code (not
/// the changes), so a burst of toggles is one event and applying it twice is harmless.
/// </summary>
[GenerateSerializer, Immutable, Alias("CoPLive.PostReactionsTallied")]
public sealed record PostReactionsTallied(
    long Seq,
    [property: Id(0)] ImmutableDictionary<string, ImmutableDictionary<string, int>> Posts) : RoomEvent(Seq);
