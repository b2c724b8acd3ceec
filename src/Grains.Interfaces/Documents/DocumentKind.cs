namespace CoPLive.Documents;

/// <summary>What a document holds: a text (the Y.Text "content") or a whiteboard (the Y.Map "elements").</summary>
[GenerateSerializer, Alias("CoPLive.DocumentKind")]
public enum DocumentKind
{
    /// <summary>A practice document: Markdown in the Y.Text named "content".</summary>
    Text = 0,

    /// <summary>A whiteboard: elements in the Y.Map named "elements" (docs/whiteboard.md).</summary>
    Whiteboard = 1,
}
