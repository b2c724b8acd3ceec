namespace CoPLive.Documents;

/// <summary>
/// A document as its community's list holds it (<see cref="IDocumentListGrain"/>): its metadata, whoever asks; the
/// list decides who sees it and whether they may write.
/// </summary>
/// <param name="StageOnlyMeetupId">When set, only that meetup's host and speakers may write.</param>
[GenerateSerializer, Immutable, Alias("CoPLive.DocumentListing")]
public sealed record DocumentListing(
    [property: Id(0)] string Id,
    [property: Id(1)] string CommunityId,
    [property: Id(2)] string Title,
    [property: Id(3)] DocumentKind Kind,
    [property: Id(4)] Communities.Audience? Audience,
    [property: Id(5)] string CreatedBy,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] string? StageOnlyMeetupId)
{
    /// <summary>The document as a viewer sees it, with whether that viewer may write it.</summary>
    public DocumentDetails WithAccess(bool canWrite) =>
        new(Id, CommunityId, Title, Kind, Audience, CreatedBy, CreatedAt, StageOnlyMeetupId, canWrite);
}
