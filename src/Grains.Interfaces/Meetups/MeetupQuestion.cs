namespace CoPLive.Meetups;

/// <summary>An audience question, with its upvotes.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.MeetupQuestion")]
public sealed record MeetupQuestion(
    [property: Id(0)] string Id,
    [property: Id(1)] string AuthorUserId,
    [property: Id(2)] string AuthorName,
    [property: Id(3)] string AuthorOrganizationId,
    [property: Id(4)] string Text,
    [property: Id(5)] int Upvotes,
    [property: Id(6)] bool Answered,
    [property: Id(7)] DateTimeOffset AskedAt);
