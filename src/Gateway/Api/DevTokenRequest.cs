namespace CoPLive.Gateway.Api;

/// <summary>Body of POST /api/dev/token. Fields are nullable so that a missing one gets a clear invalid-request error.</summary>
public sealed record DevTokenRequest(string? UserId, string? DisplayName, string? OrganizationId);
