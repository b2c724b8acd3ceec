namespace CoPLive.Documents;

/// <summary>The header of <see cref="DocumentListGrain"/>; the listings live in rows of their own.</summary>
[GenerateSerializer, Alias("CoPLive.DocumentListState")]
public sealed class DocumentListState
{
    /// <summary>
    /// Whether the list holds every document of its community. False for a list that never was (a community whose
    /// documents were created before lists existed): its first activation asks each document for its listing.
    /// </summary>
    [Id(0)] public bool Built { get; set; }
}
