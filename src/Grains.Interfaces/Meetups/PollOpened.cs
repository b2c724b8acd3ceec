using CoPLive.Rooms;

namespace CoPLive.Meetups;

/// <summary>The host opened a poll.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.PollOpened")]
public sealed record PollOpened(long Seq, [property: Id(0)] MeetupPoll Poll) : RoomEvent(Seq);
