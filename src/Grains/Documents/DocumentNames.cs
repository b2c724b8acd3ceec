namespace CoPLive.Documents;

/// <summary>The names of the shared types a CoPLive document keeps its content in.</summary>
public static class DocumentNames
{
    /// <summary>A text document's Y.Text (Markdown).</summary>
    public const string Content = "content";

    /// <summary>A whiteboard's Y.Map of elements, keyed by element id (docs/whiteboard.md).</summary>
    public const string Elements = "elements";
}
