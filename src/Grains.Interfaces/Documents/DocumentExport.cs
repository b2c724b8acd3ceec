namespace CoPLive.Documents;

/// <summary>A document exported: Markdown for a text, SVG for a whiteboard.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.DocumentExport")]
public sealed record DocumentExport(
    [property: Id(0)] string ContentType,
    [property: Id(1)] string FileName,
    [property: Id(2)] string Content);
