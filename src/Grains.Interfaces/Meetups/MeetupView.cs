using System.Collections.Immutable;

namespace CoPLive.Meetups;

/// <summary>Everything a participant needs to show a meetup: details, hands, questions (by upvotes), polls, recent chat and reaction totals.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.MeetupView")]
public sealed record MeetupView(
    [property: Id(0)] MeetupDetails Meetup,
    [property: Id(1)] ImmutableArray<RaisedHand> Hands,
    [property: Id(2)] ImmutableArray<MeetupQuestion> Questions,
    [property: Id(3)] ImmutableArray<MeetupPoll> Polls,
    [property: Id(4)] ImmutableArray<ChatMessage> RecentChat,
    [property: Id(5)] ImmutableDictionary<string, long> ReactionTotals);
