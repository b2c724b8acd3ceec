namespace CoPLive.Gateway.Api;

/// <summary>Body of POST /api/communities; the id is optional (the server makes one).</summary>
public sealed record CreateCommunityRequest(string? Id, string? Name, string? Domain, string? Description);
