namespace CoPLive.Documents;

/// <summary>A version to look at, read-only: its text (a text document) or its elements as JSON (a whiteboard), and its state.</summary>
/// <param name="Content">The Y.Text "content" of a text document, or the Y.Map "elements" of a whiteboard as a JSON object.</param>
/// <param name="State">The version's whole Yjs state (v1), for a read-only editor.</param>
[GenerateSerializer, Immutable, Alias("CoPLive.DocumentVersionView")]
public sealed record DocumentVersionView(
    [property: Id(0)] DocumentVersion Version,
    [property: Id(1)] string Content,
    [property: Id(2)] byte[] State);
