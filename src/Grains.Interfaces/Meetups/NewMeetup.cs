namespace CoPLive.Meetups;

/// <summary>What a caller gives to schedule a meetup.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.NewMeetup")]
public sealed record NewMeetup(
    [property: Id(0)] string Title,
    [property: Id(1)] string? Agenda,
    [property: Id(2)] DateTimeOffset StartsAt,
    [property: Id(3)] DateTimeOffset EndsAt,
    [property: Id(4)] Communities.Audience? Audience);
