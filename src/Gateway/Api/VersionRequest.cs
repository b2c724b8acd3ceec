namespace CoPLive.Gateway.Api;

/// <summary>Body of POST /api/documents/{id}/versions.</summary>
public sealed record VersionRequest(string? Name);
