namespace CoPLive.Documents.Yjs;

/// <summary>
/// Bytes that were given as a Yjs update (or state vector) do not decode as one. Callers answer with
/// <see cref="ErrorCode"/>; nothing was changed.
/// </summary>
public sealed class InvalidYjsUpdateException : Exception
{
    /// <summary>The stable error code that reaches clients.</summary>
    public const string ErrorCode = "invalid-update";

    public InvalidYjsUpdateException()
        : this("The bytes are not a well-formed Yjs update.")
    {
    }

    public InvalidYjsUpdateException(string message)
        : base(message)
    {
    }

    public InvalidYjsUpdateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InvalidYjsUpdateException(string message, int? updateIndex)
        : base(message)
    {
        UpdateIndex = updateIndex;
    }

    /// <summary>In a call that takes a list of updates, the position of the first malformed one.</summary>
    public int? UpdateIndex { get; }
}
