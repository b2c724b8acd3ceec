using CoPLive.Rooms;

namespace CoPLive.Meetups;

/// <summary>The host closed a poll: its final tallies.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.PollClosed")]
public sealed record PollClosed(long Seq, [property: Id(0)] MeetupPoll Poll) : RoomEvent(Seq);
