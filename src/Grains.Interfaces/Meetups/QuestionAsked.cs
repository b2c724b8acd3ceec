using CoPLive.Rooms;

namespace CoPLive.Meetups;

/// <summary>A new audience question.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.QuestionAsked")]
public sealed record QuestionAsked(long Seq, [property: Id(0)] MeetupQuestion Question) : RoomEvent(Seq);
