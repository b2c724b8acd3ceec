using CoPLive.Communities;

namespace CoPLive.Documents;

/// <summary>One document as its community's list holds it (<see cref="DocumentListGrain"/>): its <see cref="DocumentListing"/>, stored.</summary>
/// <remarks>Grain storage rows carry .NET type names: renaming this type strands stored rows.</remarks>
[GenerateSerializer, Alias("CoPLive.ListedDocumentState")]
public sealed class ListedDocumentState
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public string Title { get; set; } = "";
    [Id(2)] public DocumentKind Kind { get; set; }

    /// <summary>The organizations that may see the document, or null for the whole community.</summary>
    [Id(3)] public List<string>? Audience { get; set; }
    [Id(4)] public string CreatedBy { get; set; } = "";
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }
    [Id(6)] public string? StageOnlyMeetupId { get; set; }

    public static ListedDocumentState From(DocumentListing listing) => new()
    {
        Id = listing.Id,
        Title = listing.Title,
        Kind = listing.Kind,
        Audience = listing.Audience is { } audience ? [.. audience.Organizations] : null,
        CreatedBy = listing.CreatedBy,
        CreatedAt = listing.CreatedAt,
        StageOnlyMeetupId = listing.StageOnlyMeetupId,
    };

    public DocumentListing ToListing(string communityId) => new(
        Id, communityId, Title, Kind, Audience is null ? null : new Audience([.. Audience]), CreatedBy, CreatedAt, StageOnlyMeetupId);

    /// <summary>Whether this is the same as <paramref name="other"/>, field by field (the audience in order).</summary>
    public bool SameAs(ListedDocumentState other) =>
        Id == other.Id && Title == other.Title && Kind == other.Kind
        && (Audience is null ? other.Audience is null : other.Audience is not null && Audience.SequenceEqual(other.Audience))
        && CreatedBy == other.CreatedBy && CreatedAt == other.CreatedAt && StageOnlyMeetupId == other.StageOnlyMeetupId;

    /// <summary>Whether a member of <paramref name="organizationId"/> may see the document (its audience, as the document decides).</summary>
    public bool VisibleTo(string organizationId) => Audience is null || Audience.Contains(organizationId);
}
