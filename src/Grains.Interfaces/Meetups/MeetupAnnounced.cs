using CoPLive.Rooms;

namespace CoPLive.Meetups;

/// <summary>Sent in the community room when a scheduled meetup is about to start (from its reminder).</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.MeetupAnnounced")]
public sealed record MeetupAnnounced(long Seq, [property: Id(0)] string MeetupId, [property: Id(1)] string Title, [property: Id(2)] DateTimeOffset StartsAt) : RoomEvent(Seq);
