namespace CoPLive.Documents;

/// <summary>A document's metadata, as a viewer who may see it sees it.</summary>
/// <param name="StageOnlyMeetupId">When set, only that meetup's host and speakers may write (the host chose "stage only").</param>
/// <param name="CanWrite">Whether the viewer may change the document now.</param>
[GenerateSerializer, Immutable, Alias("CoPLive.DocumentDetails")]
public sealed record DocumentDetails(
    [property: Id(0)] string Id,
    [property: Id(1)] string CommunityId,
    [property: Id(2)] string Title,
    [property: Id(3)] DocumentKind Kind,
    [property: Id(4)] Communities.Audience? Audience,
    [property: Id(5)] string CreatedBy,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] string? StageOnlyMeetupId,
    [property: Id(8)] bool CanWrite);
