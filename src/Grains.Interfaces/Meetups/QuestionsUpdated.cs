using System.Collections.Immutable;
using CoPLive.Rooms;

namespace CoPLive.Meetups;

/// <summary>Questions whose upvotes or answered mark changed during one tick.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.QuestionsUpdated")]
public sealed record QuestionsUpdated(long Seq, [property: Id(0)] ImmutableArray<MeetupQuestion> Questions) : RoomEvent(Seq);
