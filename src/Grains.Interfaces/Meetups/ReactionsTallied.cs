using System.Collections.Immutable;
using CoPLive.Rooms;

namespace CoPLive.Meetups;

/// <summary>Reactions sent during one tick, counted by kind: a burst from thousands is one event.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.ReactionsTallied")]
public sealed record ReactionsTallied(long Seq, [property: Id(0)] ImmutableDictionary<string, int> Counts) : RoomEvent(Seq);
