namespace CoPLive.Gateway.Api;

/// <summary>Body of POST /api/communities/{id}/organizations.</summary>
public sealed record AdmitOrganizationRequest(string? OrganizationId);
