namespace CoPLive.Documents;

/// <summary>What a caller gives to create a document.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.NewDocument")]
public sealed record NewDocument(
    [property: Id(0)] string Title,
    [property: Id(1)] DocumentKind Kind,
    [property: Id(2)] Communities.Audience? Audience);
