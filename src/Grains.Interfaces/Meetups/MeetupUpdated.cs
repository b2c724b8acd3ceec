using CoPLive.Rooms;

namespace CoPLive.Meetups;

/// <summary>The meetup changed: phase, stage, audience or links.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.MeetupUpdated")]
public sealed record MeetupUpdated(long Seq, [property: Id(0)] MeetupDetails Meetup) : RoomEvent(Seq);
