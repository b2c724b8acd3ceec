namespace CoPLive.Gateway.Api;

/// <summary>Answer of POST /api/notifications/read: how many notifications were unread and are now read.</summary>
public sealed record MarkReadResponse(int Marked);
