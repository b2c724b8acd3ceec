namespace CoPLive.Gateway.Api;

/// <summary>Body of POST /api/notifications/read: the ids to mark read, or none for all.</summary>
public sealed record MarkReadRequest(string[]? Ids);
