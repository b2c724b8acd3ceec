using CoPLive.Communities;

namespace CoPLive.Gateway.Api;

/// <summary>Body of POST /api/communities/{id}/organizations; presence defaults to named.</summary>
public sealed record AdmitOrganizationRequest(string? OrganizationId, PresencePolicy? Presence);
