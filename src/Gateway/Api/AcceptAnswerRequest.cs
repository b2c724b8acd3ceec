namespace CoPLive.Gateway.Api;

/// <summary>Body of POST /api/threads/{id}/accept.</summary>
public sealed record AcceptAnswerRequest(string? PostId);
