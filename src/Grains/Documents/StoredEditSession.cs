namespace CoPLive.Documents;

/// <summary>
/// A member's editing session as <see cref="IDocumentStore"/> holds it: open while the member edits (its counters as of
/// the last save), ended once the document grain publishes it as <c>document-edit-session</c>.
/// </summary>
/// <param name="SessionId">The session's id, the <c>subjectId</c> of its activity event.</param>
/// <param name="UserId">The member who edited.</param>
/// <param name="OrganizationId">The member's organization when they edited.</param>
/// <param name="Updates">Committed updates counted into the session.</param>
/// <param name="FirstAt">When the session's first update was committed.</param>
/// <param name="LastAt">When its last update was committed.</param>
/// <param name="Ended">Whether the session ended (and was published).</param>
public sealed record StoredEditSession(string SessionId, string UserId, string OrganizationId, int Updates, DateTimeOffset FirstAt, DateTimeOffset LastAt, bool Ended);
