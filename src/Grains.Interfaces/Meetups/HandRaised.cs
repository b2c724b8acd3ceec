using CoPLive.Rooms;

namespace CoPLive.Meetups;

/// <summary>Someone raised their hand.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.HandRaised")]
public sealed record HandRaised(long Seq, [property: Id(0)] RaisedHand Hand) : RoomEvent(Seq);
