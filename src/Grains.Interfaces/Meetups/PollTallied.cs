using System.Collections.Immutable;
using CoPLive.Rooms;

namespace CoPLive.Meetups;

/// <summary>A poll's tallies after one tick of votes.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.PollTallied")]
public sealed record PollTallied(long Seq, [property: Id(0)] string PollId, [property: Id(1)] ImmutableArray<int> Tallies) : RoomEvent(Seq);
