namespace CoPLive.Threads;

/// <summary>A thread as a list shows it.</summary>
/// <param name="PostCount">Posts that are not removed, the opening post included.</param>
/// <param name="AcceptedPostId">The accepted answer of a question thread, or null.</param>
/// <param name="AcceptedCrossOrganization">Whether the accepted answer's author is of another organization than the asker.</param>
[GenerateSerializer, Immutable, Alias("CoPLive.ThreadSummary")]
public sealed record ThreadSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string CommunityId,
    [property: Id(2)] string Title,
    [property: Id(3)] ThreadKind Kind,
    [property: Id(4)] Communities.Audience? Audience,
    [property: Id(5)] string AuthorUserId,
    [property: Id(6)] string AuthorName,
    [property: Id(7)] string AuthorOrganizationId,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] DateTimeOffset LastActivityAt,
    [property: Id(10)] int PostCount,
    [property: Id(11)] string? AcceptedPostId,
    [property: Id(12)] bool AcceptedCrossOrganization,
    [property: Id(13)] string? MeetupId);
