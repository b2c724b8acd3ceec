namespace CoPLive.Gateway.Api;

/// <summary>Body of POST /api/threads/{id}/posts (replyTo optional) and PUT /api/threads/{id}/posts/{postId}.</summary>
public sealed record PostRequest(string? Body, string? ReplyTo);
