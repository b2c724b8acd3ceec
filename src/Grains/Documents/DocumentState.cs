namespace CoPLive.Documents;

/// <summary>
/// The grain-storage state of <see cref="DocumentGrain"/>: metadata and the versions' list. The content lives in
/// <see cref="IDocumentStore"/> (log and snapshot), never here.
/// </summary>
[GenerateSerializer, Alias("CoPLive.DocumentState")]
public sealed class DocumentState
{
    [Id(0)] public bool Created { get; set; }
    [Id(1)] public string CommunityId { get; set; } = "";
    [Id(2)] public string Title { get; set; } = "";
    [Id(3)] public DocumentKind Kind { get; set; }
    [Id(4)] public List<string>? Audience { get; set; }
    [Id(5)] public string CreatedBy { get; set; } = "";
    [Id(6)] public DateTimeOffset CreatedAt { get; set; }
    [Id(7)] public string? StageOnlyMeetupId { get; set; }
    [Id(8)] public List<DocumentVersion> Versions { get; set; } = [];

    /// <summary>The log position the last saved version holds, so an unchanged document is not saved again.</summary>
    [Id(9)] public long LastVersionSeq { get; set; }
}
