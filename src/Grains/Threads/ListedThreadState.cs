using CoPLive.Communities;

namespace CoPLive.Threads;

/// <summary>One thread as its community's list holds it (<see cref="ThreadListGrain"/>): its <see cref="ThreadSummary"/>, stored.</summary>
/// <remarks>Grain storage rows carry .NET type names: renaming this type strands stored rows.</remarks>
[GenerateSerializer, Alias("CoPLive.ListedThreadState")]
public sealed class ListedThreadState
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public string Title { get; set; } = "";
    [Id(2)] public ThreadKind Kind { get; set; }

    /// <summary>The organizations that may see the thread, or null for the whole community.</summary>
    [Id(3)] public List<string>? Audience { get; set; }
    [Id(4)] public string AuthorUserId { get; set; } = "";
    [Id(5)] public string AuthorName { get; set; } = "";
    [Id(6)] public string AuthorOrganizationId { get; set; } = "";
    [Id(7)] public DateTimeOffset CreatedAt { get; set; }
    [Id(8)] public DateTimeOffset LastActivityAt { get; set; }
    [Id(9)] public int PostCount { get; set; }
    [Id(10)] public string? AcceptedPostId { get; set; }
    [Id(11)] public bool AcceptedCrossOrganization { get; set; }
    [Id(12)] public string? MeetupId { get; set; }

    public static ListedThreadState From(ThreadSummary summary) => new()
    {
        Id = summary.Id,
        Title = summary.Title,
        Kind = summary.Kind,
        Audience = summary.Audience is { } audience ? [.. audience.Organizations] : null,
        AuthorUserId = summary.AuthorUserId,
        AuthorName = summary.AuthorName,
        AuthorOrganizationId = summary.AuthorOrganizationId,
        CreatedAt = summary.CreatedAt,
        LastActivityAt = summary.LastActivityAt,
        PostCount = summary.PostCount,
        AcceptedPostId = summary.AcceptedPostId,
        AcceptedCrossOrganization = summary.AcceptedCrossOrganization,
        MeetupId = summary.MeetupId,
    };

    public ThreadSummary ToContract(string communityId) => new(
        Id,
        communityId,
        Title,
        Kind,
        Audience is null ? null : new Audience([.. Audience]),
        AuthorUserId,
        AuthorName,
        AuthorOrganizationId,
        CreatedAt,
        LastActivityAt,
        PostCount,
        AcceptedPostId,
        AcceptedCrossOrganization,
        MeetupId);

    /// <summary>Whether this is the same as <paramref name="other"/>, field by field (the audience in order).</summary>
    public bool SameAs(ListedThreadState other) =>
        Id == other.Id && Title == other.Title && Kind == other.Kind
        && (Audience is null ? other.Audience is null : other.Audience is not null && Audience.SequenceEqual(other.Audience))
        && AuthorUserId == other.AuthorUserId && AuthorName == other.AuthorName && AuthorOrganizationId == other.AuthorOrganizationId
        && CreatedAt == other.CreatedAt && LastActivityAt == other.LastActivityAt && PostCount == other.PostCount
        && AcceptedPostId == other.AcceptedPostId && AcceptedCrossOrganization == other.AcceptedCrossOrganization && MeetupId == other.MeetupId;

    /// <summary>Whether a member of <paramref name="organizationId"/> may see the thread (its audience, as the thread decides).</summary>
    public bool VisibleTo(string organizationId) => Audience is null || Audience.Contains(organizationId);
}
