namespace CoPLive.Gateway.Api;

/// <summary>Body of POST /api/organizations.</summary>
public sealed record RegisterOrganizationRequest(string? Id, string? Name);
