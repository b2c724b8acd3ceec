namespace CoPLive.Meetups;

/// <summary>An audience question inside <see cref="MeetupState"/>; its upvotes are in the meetup's ballot log (<see cref="MeetupBallots"/>).</summary>
[GenerateSerializer, Alias("CoPLive.QuestionState")]
public sealed class QuestionState
{
    [Id(0)] public required string Id { get; set; }
    [Id(1)] public required string AuthorUserId { get; set; }
    [Id(2)] public required string AuthorName { get; set; }
    [Id(3)] public required string AuthorOrganizationId { get; set; }
    [Id(4)] public required string Text { get; set; }

    /// <summary>Upvoters, in a header stored before they had a log of their own (<see cref="MeetupBallots"/>); emptied on activation.</summary>
    [Id(5)] public HashSet<string> Upvoters { get; set; } = new(StringComparer.Ordinal);
    [Id(6)] public bool Answered { get; set; }
    [Id(7)] public DateTimeOffset AskedAt { get; set; }
    [Id(8)] public DateTimeOffset? AnsweredAt { get; set; }

    public MeetupQuestion ToContract(int upvotes) => new(Id, AuthorUserId, AuthorName, AuthorOrganizationId, Text, upvotes, Answered, AskedAt);
}
