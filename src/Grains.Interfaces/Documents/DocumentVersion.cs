namespace CoPLive.Documents;

/// <summary>A saved version of a document.</summary>
/// <param name="Reason">Why it was saved: <c>named</c> (on demand), <c>meetup-ended</c>, <c>idle</c>, or <c>before-restore</c>.</param>
[GenerateSerializer, Immutable, Alias("CoPLive.DocumentVersion")]
public sealed record DocumentVersion(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Reason,
    [property: Id(3)] string? CreatedBy,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] int Bytes);
