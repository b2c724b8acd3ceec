namespace CoPLive.Gateway.Api;

/// <summary>Body of POST /api/threads/{id}/posts/{postId}/remove.</summary>
public sealed record RemovePostRequest(string? Reason);
