namespace CoPLive.Common;

/// <summary>
/// The stable error codes a client can rely on. Every error that reaches a client carries one of these
/// and a human sentence; docs/protocol.md lists them with their HTTP statuses.
/// </summary>
public static class ErrorCodes
{
    /// <summary>The request is malformed: bad JSON, a missing or empty field, a value out of range.</summary>
    public const string InvalidRequest = "invalid-request";

    /// <summary>An id is not a lowercase string of letters, digits and '-' of at most 64 characters.</summary>
    public const string InvalidId = "invalid-id";

    /// <summary>No token, or a token that is invalid, expired or lacks the required claims.</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>The caller is known but may not do this.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>The thing named does not exist, or the caller may not know that it exists.</summary>
    public const string NotFound = "not-found";

    /// <summary>The request conflicts with the current state (it already exists, say).</summary>
    public const string Conflict = "conflict";

    /// <summary>A payload or a field is larger than its documented limit.</summary>
    public const string TooLarge = "too-large";

    /// <summary>The caller sends faster than its documented rate limit.</summary>
    public const string RateLimited = "rate-limited";

    /// <summary>Bytes given as a Yjs update (or state vector) do not decode as one; nothing was applied.</summary>
    public const string InvalidUpdate = "invalid-update";
    /// <summary>A connection fell further behind its rooms than its bounded buffer allows, and was cut off.</summary>
    public const string TooSlow = "too-slow";

    /// <summary>A part of the cluster the call needed did not answer (a node died and the cluster has not yet declared it dead); try again.</summary>
    public const string Unavailable = "unavailable";
}
